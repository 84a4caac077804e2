#include "magsel/error.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "magsel/text.hpp"

namespace magsel {
namespace {

std::string format_located(const SourceLocation& at, const std::string& message) {
    std::string out = at.file;
    if (at.line > 0) out += fmt::format(":{}", at.line);
    if (at.line > 0 && at.column > 0) out += fmt::format(":{}", at.column);
    out += ": error: " + message;
    if (at.line > 0 && !at.line_text.empty()) {
        // Show the line (cut if very long) and a caret under the column.
        constexpr std::size_t max_shown = 160;
        std::string shown = at.line_text;
        std::size_t caret = at.column > 0 ? static_cast<std::size_t>(at.column - 1) : 0;
        caret = caret > at.line_text_offset ? caret - at.line_text_offset : 0;
        caret = std::min(caret, shown.size());  // a mark may point just past the line's end
        if (shown.size() > max_shown) {
            const std::size_t start = caret > max_shown / 2 ? caret - max_shown / 2 : 0;
            shown = shown.substr(start, max_shown);
            caret -= start;
        }
        for (auto& c : shown)
            if (c == '\t' || c == '\r') c = ' ';
        // the line as a terminal may show it, and the caret under the character (not the byte)
        const auto before = printable(shown.substr(0, caret));
        caret = static_cast<std::size_t>(std::count_if(before.begin(), before.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
        shown = printable(shown);
        const auto gutter = fmt::format("{:>5}", at.line);
        out += fmt::format("\n{} | {}\n{} | {}^", gutter, shown, std::string(gutter.size(), ' '),
                           std::string(caret, ' '));
    }
    return out;
}

}  // namespace

InputError::InputError(SourceLocation where, const std::string& message)
    : Error(format_located(where, message)), where_(std::move(where)), message_(message) {}

InputError::InputError(SourceLocation where, const std::string& message, const std::string& what_text)
    : Error(what_text), where_(std::move(where)), message_(message) {}

namespace {
std::string join_errors(const std::vector<InputError>& errors, std::size_t not_shown) {
    std::string out;
    for (const auto& e : errors) {
        if (!out.empty()) out += '\n';
        out += e.what();
    }
    if (not_shown > 0) out += fmt::format("\n({} more error(s) in this file not shown)", not_shown);
    return out;
}
}  // namespace

InputErrors::InputErrors(std::vector<InputError> errors, std::size_t not_shown)
    : InputError(errors.front().where(), errors.front().message(), join_errors(errors, not_shown)),
      errors_(std::move(errors)),
      not_shown_(not_shown) {}

}  // namespace magsel
