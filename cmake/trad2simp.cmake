# trad2simp.cmake — traditional -> simplified Chinese character pairs from
# Debian's Unihan data (unicode-data package), for folding text before the
# knowledge tables are matched.  Run at build time:
#   cmake -DUNIHAN=/usr/share/unicode/Unihan_Variants.txt.bz2 -DOUT=... -P trad2simp.cmake
# The generated file is marked "do not edit" and is not committed.
execute_process(COMMAND bzip2 -dc ${UNIHAN} OUTPUT_VARIABLE txt RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot read ${UNIHAN} (Debian packages unicode-data and bzip2)")
endif()
string(REGEX MATCHALL "U\\+[0-9A-F]+\tkSimplifiedVariant\tU\\+[0-9A-F]+" pairs "${txt}")
set(body "/* Generated from Unihan_Variants (kSimplifiedVariant) by cmake/trad2simp.cmake: do not edit. */\n#include <stdint.h>\n#include <stddef.h>\nconst uint32_t lsn_trad2simp[][2] = {\n")
set(n 0)
foreach(p ${pairs})
  string(REGEX REPLACE "U\\+([0-9A-F]+)\tkSimplifiedVariant\tU\\+([0-9A-F]+)" "0x\\1, 0x\\2" v "${p}")
  string(REGEX REPLACE "0x([0-9A-F]+), 0x([0-9A-F]+)" "\\1" a "${v}")
  string(REGEX REPLACE "0x([0-9A-F]+), 0x([0-9A-F]+)" "\\2" b "${v}")
  if(NOT a STREQUAL b)
    string(APPEND body "\t{${v}},\n")
    math(EXPR n "${n} + 1")
  endif()
endforeach()
string(APPEND body "};\nconst size_t lsn_ntrad2simp = ${n};\n")
file(WRITE ${OUT}.tmp "${body}")
file(RENAME ${OUT}.tmp ${OUT})
