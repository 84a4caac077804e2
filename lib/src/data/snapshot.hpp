// snapshot.hpp (private) — a binary image of BuiltinData: the build writes it, the library
// reads it. Versioned; a mismatch or truncation is an Error, never undefined behaviour.
#pragma once

#include <string>
#include <string_view>

#include "data/builtin_data.hpp"

namespace magsel::detail {

std::string write_snapshot(const BuiltinData& data);
BuiltinData read_snapshot(std::string_view bytes);
/// The format string at the start of every snapshot ("magsel-snapshot-N").
std::string_view snapshot_format();

}  // namespace magsel::detail
