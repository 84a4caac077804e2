// grade_file.hpp (private) — read grade files and family-defaults files (format:
// docs/grade-file-format.md) into Grade objects, checking schema, units and plausibility.
#pragma once

#include <map>
#include <vector>

#include "magsel/grade.hpp"
#include "data/yaml_reader.hpp"

namespace magsel::detail {

/// The family defaults of grades/families/<family>.yaml.
struct FamilyDefaults {
    Family family = Family::sintered_ndfeb;
    Sourced<double> recoil_permeability;
    Sourced<double> squareness;
    Sourced<units::Density> density;
    std::optional<Composition> composition;  ///< the family's typical composition, where given
    std::optional<PhysicalLimit> curie;               ///< `limits.curie_temperature`
    std::optional<PhysicalLimit> spin_reorientation;  ///< `limits.spin_reorientation_temperature`
    std::vector<Source> sources;  ///< ids as in the file; "file" is the file's own source
    std::string file;
    bool operator==(const FamilyDefaults&) const = default;
};
using FamilyDefaultsMap = std::map<Family, FamilyDefaults>;

/// A magnet temperature [K] read from `v` (a located error beyond the plausible range).
double read_temperature(const YamlValue& v);

FamilyDefaults read_family_defaults(const YamlDocument& doc);

/// Read every grade of a grade file. Missing μrec, squareness or density come from
/// `defaults`; a family with no defaults entry is an error.
std::vector<Grade> read_grade_file(const YamlDocument& doc, const FamilyDefaultsMap& defaults, bool builtin);

}  // namespace magsel::detail
