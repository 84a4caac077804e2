// magsel/report/table.hpp — a table of strings rendered for a terminal (aligned columns), as CSV
// (RFC 4180 quoting) or as Markdown, and number formatting. Formatting only.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace magsel::report {

/// A table of strings; numbers are formatted before they go in.
struct Table {
    std::vector<std::string> header;
    std::vector<bool> right_align;  ///< per column; numbers right-aligned
    std::vector<std::vector<std::string>> rows;
};

enum class TableFormat { text, csv, markdown };

/// Render for a terminal (aligned columns), as CSV (RFC 4180 quoting) or as Markdown.
std::string render(const Table& table, TableFormat format);

/// "table" → text, "csv", "md".
TableFormat table_format(const std::string& name);

/// A number with `decimals` places, or "-" when absent.
std::string fixed(std::optional<double> value, int decimals);

}  // namespace magsel::report
