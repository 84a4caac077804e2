// magsel/text.hpp — text at the boundaries: which bytes an input file may hold, and text made
// safe to print on a terminal or to put into JSON and XML.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace magsel {

/// The first character of `text` that a magsel input file may not hold: bytes that are not
/// UTF-8, and the control characters YAML forbids (all C0 but tab, LF and CR; DEL; C1 but
/// NEL). `offset` is its byte offset; `what` says what it is ("the byte 0xE9, which is not
/// UTF-8", "the control character U+001B").
struct BadCharacter {
    std::size_t offset = 0;
    std::string what;
};
std::optional<BadCharacter> find_bad_character(std::string_view text);

/// `text` with every byte that is not UTF-8 replaced by U+FFFD: valid in JSON.
std::string valid_utf8(std::string_view text);

/// `text` safe to print on a terminal: control characters (but LF) and bytes that are not
/// UTF-8 are shown as escapes (`\x1b`, `\0`), so a name cannot move the cursor or clear the
/// screen, and a NUL does not cut a message short.
std::string printable(std::string_view text);

}  // namespace magsel
