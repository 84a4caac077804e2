// xml_escape.hpp (private) — text safe inside XML/SVG elements and attributes.
#pragma once

#include <string>

namespace magsel::detail {

/// & < > " ' escaped; control characters XML 1.0 forbids become spaces.
inline std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
                else out += c;
        }
    }
    return out;
}

}  // namespace magsel::detail
