// magsel/properties.hpp — the one table of magnet properties: key, symbol, units, JSON key.
// Tables, JSON output and docs read it, so a property is named the same everywhere.
#pragma once

#include <string_view>
#include <vector>

#include "magsel/thermal.hpp"

namespace magsel {

enum class Property { remanence, intrinsic_coercivity, normal_coercivity, knee_field, hd5, max_energy_product };

struct PropertyInfo {
    Property property;
    std::string_view key;           ///< grade-file key / CLI name ("remanence")
    std::string_view symbol;        ///< "Br"
    std::string_view si_unit;       ///< unit of the SI value ("T", "A/m", "J/m^3")
    std::string_view display_unit;  ///< SI display unit ("T", "kA/m", "kJ/m^3")
    double display_per_si;          ///< display value = SI value × this
    std::string_view cgs_unit;      ///< "kG", "kOe", "MGOe"
    double cgs_per_si;              ///< CGS value = SI value × this
    std::string_view json_key;      ///< "remanence_T"
    std::string_view description;
};

const std::vector<PropertyInfo>& property_table();
const PropertyInfo& property_info(Property p);
/// The SI value of a property in a MagnetProperties.
double si_value(const MagnetProperties& m, Property p);

}  // namespace magsel
