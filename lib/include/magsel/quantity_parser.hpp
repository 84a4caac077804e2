// magsel/quantity_parser.hpp — the one run-time parser for quantity strings.
//
// "1.45 T", "14.5kG", "1592 kA/m", "20 kOe", "398 kJ/m^3", "50 MGOe", "150 degC", "150 °C",
// "423.15 K", "302 degF", "-0.12 %/K", "7.55 g/cm^3", "1.6 kg", "85 USD/kg" all read here.
// The caller names the dimension it expects; the result is a plain double in SI (kelvin for
// an absolute temperature). Typed wrappers returning Boost.Units quantities are in units.hpp.
#pragma once

#include <string>
#include <string_view>

namespace magsel {

/// The dimensions magsel reads from files and the command line.
enum class Dimension {
    flux_density,            ///< T
    field_strength,          ///< A/m
    energy_density,          ///< J/m³
    temperature,             ///< an absolute temperature point, returned in K
    temperature_difference,  ///< K
    temperature_coefficient, ///< 1/K (from %/K or %/°C)
    mass,                    ///< kg
    volume,                  ///< m³
    length,                  ///< m (a magnet's edges and diameters)
    density,                 ///< kg/m³
    money_per_mass,          ///< USD/kg
    fraction,                ///< dimensionless, from "1 %" or "0.01"
};

/// A short name of the dimension with examples, for messages: "a flux density (e.g. 1.2 T, 12 kG)".
std::string describe(Dimension d);

/// Parse `text` as a quantity of dimension `expected` and return its value in SI.
/// Throws UnitError when the number or unit is malformed, the unit unknown, the dimension
/// wrong or the value not finite. A fraction accepts a bare number; every other dimension
/// needs a unit.
double parse_quantity(std::string_view text, Dimension expected);

}  // namespace magsel
