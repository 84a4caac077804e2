// xml_escape.hpp (private) — text safe inside XML/SVG elements and attributes.
#pragma once

#include <string>

#include "magsel/text.hpp"

namespace magsel::detail {

/// & < > " ' escaped; bytes that are not UTF-8 become U+FFFD; characters XML 1.0 forbids
/// (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) become spaces or U+FFFD. The result is
/// always well-formed XML character data.
inline std::string xml_escape(const std::string& raw) {
    const std::string s = valid_utf8(raw);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    out += ' ';
                } else if (c == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBF' && (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
                    out += "\xEF\xBF\xBD";  // U+FFFE / U+FFFF are not XML characters
                    i += 2;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

}  // namespace magsel::detail
