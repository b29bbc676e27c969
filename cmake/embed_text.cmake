# embed_text.cmake — turns one text file into a C string (used for src/store/schema.sql).
# Called at build time: cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed_text.cmake
# Defines `const unsigned char NAME[]` (NUL-terminated) and `const size_t NAME_len`.
# The generated file is marked "do not edit" and is not committed.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hl)
math(EXPR n "${hl} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" hex "${hex}")
get_filename_component(src ${IN} NAME)
file(WRITE ${OUT}.tmp "/* Generated from ${src} by cmake/embed_text.cmake: do not edit. */\n#include <stddef.h>\nconst unsigned char ${NAME}[] = {\n${hex}0};\nconst size_t ${NAME}_len = ${n};\n")
file(RENAME ${OUT}.tmp ${OUT})
