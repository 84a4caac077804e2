#include "magsel/text.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace magsel {
namespace {

/// Decode one UTF-8 character at `i`: its code point and length, or nullopt when the bytes
/// there are not UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
std::optional<std::pair<char32_t, std::size_t>> decode(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return std::pair<char32_t, std::size_t>{b0, 1};
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07, min = 0x10000;
    else return std::nullopt;
    if (i + n > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    return std::pair<char32_t, std::size_t>{cp, n};
}

bool is_control(char32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

}  // namespace

std::optional<BadCharacter> find_bad_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = decode(text, i);
        if (!c)
            return BadCharacter{i, fmt::format("the byte 0x{:02X}, which is not UTF-8 (magsel reads UTF-8 text; "
                                               "save the file as UTF-8)",
                                               static_cast<unsigned char>(text[i]))};
        const auto cp = c->first;
        if (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x85)
            return BadCharacter{i, fmt::format("the control character U+{:04X}, which a YAML file may not hold",
                                               static_cast<std::uint32_t>(cp))};
        if (cp == 0xFFFE || cp == 0xFFFF)
            return BadCharacter{i, fmt::format("the non-character U+{:04X}", static_cast<std::uint32_t>(cp))};
        i += c->second;
    }
    return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const auto c = decode(text, i)) {
            out.append(text.substr(i, c->second));
            i += c->second;
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
        }
    }
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = decode(text, i);
        if (!c) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        const auto cp = c->first;
        if (cp == 0) out += "\\0";
        else if (is_control(cp) && cp != '\n') out += cp < 0x80 ? fmt::format("\\x{:02x}", static_cast<unsigned>(cp))
                                                                : fmt::format("\\u{{{:04x}}}", static_cast<unsigned>(cp));
        else out.append(text.substr(i, c->second));
        i += c->second;
    }
    return out;
}

}  // namespace magsel
