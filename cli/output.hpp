// output.hpp — the report layer's tables (magsel/report/table.hpp), under the CLI's names.
#pragma once

#include "magsel/report/table.hpp"

namespace magsel::cli {
using report::fixed;
using report::render;
using report::Table;
using report::table_format;
using report::TableFormat;
}  // namespace magsel::cli
