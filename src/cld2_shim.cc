// cld2_shim.cc — the only C++ in liaison: a C entry point to CLD2's language
// detector, which has a C++ interface only.
#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>

extern "C" const char *lsn_cld2_detect(const char *text, size_t len, int *reliable)
{
	bool ok = false;
	CLD2::Language lang = CLD2::DetectLanguage(text, (int)len, true, &ok);
	if (reliable)
		*reliable = ok ? 1 : 0;
	if (lang == CLD2::UNKNOWN_LANGUAGE)
		return "und";
	const char *code = CLD2::LanguageCode(lang);
	if (!code)
		return "und";
	// CLD2 names traditional Chinese "zh-Hant": both are Chinese for us.
	if (!std::strncmp(code, "zh", 2))
		return "zh";
	return code;
}
