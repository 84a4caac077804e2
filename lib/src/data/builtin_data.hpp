// builtin_data.hpp (private) — the built-in catalogue: read from grades/ at build time by
// magsel_snapshot, stored in the library as a binary snapshot (snapshot.hpp), read back at
// run time without parsing YAML (yaml-cpp parsing alone took ~35 ms for the catalogue).
#pragma once

#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "data/grade_file.hpp"
#include "magsel/economics.hpp"

namespace magsel::detail {

struct BuiltinData {
    FamilyDefaultsMap defaults;
    std::vector<Grade> grades;
    std::optional<PriceTable> prices;   ///< grades/prices.yaml
    std::optional<SupplyData> supply;   ///< grades/supply.yaml
    std::vector<std::string> warnings;  ///< what the reader said about the files (a cache entry's)
};

/// Files in grades/ that are not grade files.
inline constexpr const char* prices_file_name = "prices.yaml";
inline constexpr const char* supply_file_name = "supply.yaml";

/// Read a grade directory as the built-in catalogue: `families/*.yaml` first, then `*.yaml`
/// (prices.yaml and supply.yaml are the price table and supply lists), each sorted by name;
/// files are named "grades/<relative path>" in messages and in Grade::file.
BuiltinData load_grade_directory(const std::string& directory);

/// The *.yaml / *.yml regular files of a directory, sorted by name; none if nothing is at the
/// path. UsageError naming the path when it cannot be read (permission, a symbolic link that
/// leads nowhere or loops, not a directory) or a YAML entry in it is not a readable regular file.
std::vector<std::string> yaml_files_in(const std::string& directory);

/// The built-in catalogue of this library (deserialized once per process).
const BuiltinData& builtin_data();

/// The snapshot embedded in the library (generated; empty in the snapshot tool itself).
extern const unsigned char embedded_snapshot[];
extern const std::size_t embedded_snapshot_size;

}  // namespace magsel::detail
