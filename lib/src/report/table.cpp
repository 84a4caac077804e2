#include "magsel/report/table.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace magsel::report {
namespace {

/// Display width of UTF-8 text: count the bytes that start a character.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string pad(const std::string& s, std::size_t width, bool right) {
    const auto w = display_width(s);
    const std::string fill(width > w ? width - w : 0, ' ');
    return right ? fill + s : s + fill;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

TableFormat table_format(const std::string& name) {
    if (name == "csv") return TableFormat::csv;
    if (name == "md") return TableFormat::markdown;
    return TableFormat::text;
}

std::string render(const Table& t, TableFormat format) {
    const auto columns = t.header.size();
    auto right = [&](std::size_t c) { return c < t.right_align.size() && t.right_align[c]; };
    std::string out;
    if (format == TableFormat::csv) {
        auto line = [&](const std::vector<std::string>& cells) {
            std::vector<std::string> quoted;
            for (const auto& c : cells) quoted.push_back(csv_field(c));
            out += fmt::format("{}\n", fmt::join(quoted, ","));
        };
        line(t.header);
        for (const auto& r : t.rows) line(r);
        return out;
    }
    std::vector<std::size_t> width(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        width[c] = std::max<std::size_t>(display_width(t.header[c]), 3);  // the rule is at least "---"
        for (const auto& r : t.rows)
            if (c < r.size()) width[c] = std::max(width[c], display_width(r[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s = format == TableFormat::markdown ? "| " : "";
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string cell = c < cells.size() ? cells[c] : "";
            s += pad(cell, width[c], right(c));
            if (c + 1 < columns) s += format == TableFormat::markdown ? " | " : "  ";
        }
        if (format == TableFormat::markdown) s += " |";
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out += s + "\n";
    };
    line(t.header);
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < columns; ++c) {
        const std::string dashes(width[c], '-');
        rule.push_back(format == TableFormat::markdown && right(c) ? dashes.substr(1) + ":" : dashes);
    }
    line(rule);
    for (const auto& r : t.rows) line(r);
    return out;
}

std::string fixed(std::optional<double> value, int decimals) {
    if (!value) return "-";
    return fmt::format("{:.{}f}", *value, decimals);
}

}  // namespace magsel::report
