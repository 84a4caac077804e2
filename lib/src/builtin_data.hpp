// builtin_data.hpp (private) — the built-in catalogue: read from grades/ at build time by
// magsel_snapshot, stored in the library as a binary snapshot (snapshot.hpp), read back at
// run time without parsing YAML (yaml-cpp parsing alone took ~35 ms for the catalogue).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grade_file.hpp"

namespace magsel::detail {

struct BuiltinData {
    FamilyDefaultsMap defaults;
    std::vector<Grade> grades;
    std::string prices_yaml;  ///< grades/prices.yaml as text (read by economics.cpp when needed)
    std::string supply_yaml;  ///< grades/supply.yaml as text
};

/// Files in grades/ that are not grade files.
inline constexpr const char* prices_file_name = "prices.yaml";
inline constexpr const char* supply_file_name = "supply.yaml";

/// Read a grade directory as the built-in catalogue: `families/*.yaml` first, then `*.yaml`
/// (but prices.yaml and supply.yaml, kept as text), each sorted by name; files are named
/// "grades/<relative path>" in messages and in Grade::file.
BuiltinData load_grade_directory(const std::string& directory);

/// The built-in catalogue of this library (deserialized once per process).
const BuiltinData& builtin_data();

/// The snapshot embedded in the library (generated; empty in the snapshot tool itself).
extern const unsigned char embedded_snapshot[];
extern const std::size_t embedded_snapshot_size;

}  // namespace magsel::detail
