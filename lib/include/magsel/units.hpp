// magsel/units.hpp — the quantity types every public magsel API uses.
//
// All quantities are Boost.Units quantities in SI. Absolute temperatures (a point on the
// scale: 20 °C, a rated maximum) and temperature differences (ΔT, the per-kelvin in a
// coefficient) are different types: adding two absolute temperatures does not compile.
// Boost 1.74 has no oersted, gauss or MGOe; they are defined here, once.
#pragma once

#include <string_view>

#include <boost/units/absolute.hpp>
#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/dimensionless.hpp>
#include <boost/units/systems/si/length.hpp>
#include <boost/units/systems/si/magnetic_field_intensity.hpp>
#include <boost/units/systems/si/magnetic_flux_density.hpp>
#include <boost/units/systems/si/mass.hpp>
#include <boost/units/systems/si/mass_density.hpp>
#include <boost/units/systems/si/pressure.hpp>
#include <boost/units/systems/si/temperature.hpp>
#include <boost/units/systems/si/volume.hpp>

namespace magsel::units {

namespace bu = boost::units;
namespace si = boost::units::si;

// ---- money: its own base dimension, so USD/kg cannot be mistaken for anything else ----
struct currency_base_dimension : bu::base_dimension<currency_base_dimension, 9101> {};
using currency_dimension = currency_base_dimension::dimension_type;
struct usd_base_unit : bu::base_unit<usd_base_unit, currency_dimension, 9102> {
    static const char* name() { return "US dollar"; }
    static const char* symbol() { return "USD"; }
};
using money_system = bu::make_system<usd_base_unit>::type;
using money_unit = bu::unit<currency_dimension, money_system>;
using money_per_mass_unit = bu::divide_typeof_helper<money_unit, si::mass>::type;

// ---- the quantity types --------------------------------------------------------------
using FluxDensity = bu::quantity<si::magnetic_flux_density>;         ///< B, J, Br [T]
using FieldStrength = bu::quantity<si::magnetic_field_intensity>;    ///< H, Hcj, Hcb [A/m]
using EnergyDensity = bu::quantity<si::pressure>;                    ///< (BH)max [J/m³ = Pa]
using Temperature = bu::quantity<bu::absolute<si::temperature>>;     ///< a temperature point [K]
using TemperatureDifference = bu::quantity<si::temperature>;         ///< ΔT [K]
using Mass = bu::quantity<si::mass>;                                 ///< [kg]
using Length = bu::quantity<si::length>;                             ///< a magnet's edge or diameter [m]
using Volume = bu::quantity<si::volume>;                             ///< [m³]
using Density = bu::quantity<si::mass_density>;                      ///< [kg/m³]
using Money = bu::quantity<money_unit>;                              ///< [USD]
using MoneyPerMass = bu::quantity<money_per_mass_unit>;              ///< [USD/kg]
using Dimensionless = bu::quantity<si::dimensionless>;

// ---- SI units, for writing quantities in code: 1.2 * tesla ---------------------------
inline constexpr auto tesla = si::tesla;
inline constexpr auto ampere_per_metre = si::magnetic_field_intensity{};
inline constexpr auto joule_per_cubic_metre = si::pascal;
inline constexpr auto kelvin = si::kelvin;
inline constexpr auto kilogram = si::kilogram;
inline constexpr auto metre = si::meter;
inline constexpr auto cubic_metre = si::cubic_meter;
inline constexpr auto kilogram_per_cubic_metre = si::kilogram_per_cubic_meter;
inline constexpr auto usd = money_unit{};
inline constexpr auto usd_per_kilogram = money_per_mass_unit{};

// ---- CGS magnet units (Boost 1.74 has none). Each factor has its own unit test. -------
inline constexpr double pi = 3.14159265358979323846;
/// μ0, vacuum permeability [T·m/A] (pre-2019 exact value; the 2019 SI value differs by 1e-10)
inline constexpr double mu0 = 4.0e-7 * pi;
/// 1 Oe = 1000/(4π) A/m
inline constexpr double oersted_in_ampere_per_metre = 1000.0 / (4.0 * pi);
/// 1 G = 1e-4 T
inline constexpr double gauss_in_tesla = 1.0e-4;
/// 1 MGOe = 1e6 G·Oe = 1e6 · 1e-4 T · 1000/(4π) A/m = 1e5/(4π) J/m³ ≈ 7957.7 J/m³
inline constexpr double mgoe_in_joule_per_cubic_metre = 1.0e6 * gauss_in_tesla * oersted_in_ampere_per_metre;
/// 0 °C = 273.15 K
inline constexpr double celsius_zero_in_kelvin = 273.15;

inline FluxDensity gauss(double v) { return v * gauss_in_tesla * tesla; }
inline FluxDensity kilogauss(double v) { return gauss(1000.0 * v); }
inline FieldStrength oersted(double v) { return v * oersted_in_ampere_per_metre * ampere_per_metre; }
inline FieldStrength kilooersted(double v) { return oersted(1000.0 * v); }
inline EnergyDensity megagauss_oersted(double v) { return v * mgoe_in_joule_per_cubic_metre * joule_per_cubic_metre; }

// ---- temperatures -----------------------------------------------------------------------
inline Temperature kelvin_point(double k) { return Temperature::from_value(k); }
inline Temperature celsius(double c) { return kelvin_point(c + celsius_zero_in_kelvin); }
inline double to_celsius(Temperature t) { return t.value() - celsius_zero_in_kelvin; }
inline TemperatureDifference kelvin_difference(double k) { return k * kelvin; }
/// The reference temperature of datasheets and of magsel's temperature model: 20 °C.
inline Temperature reference_temperature() { return celsius(20.0); }

// ---- parsing quantity strings ("1.45 T", "14 kOe", "150 degC") into these types ----------
// Each throws magsel::UnitError naming the expected dimension when the string is wrong.
// See quantity_parser.hpp for the run-time unit table they use.
FluxDensity parse_flux_density(std::string_view text);
FieldStrength parse_field_strength(std::string_view text);
EnergyDensity parse_energy_density(std::string_view text);
Temperature parse_temperature(std::string_view text);
TemperatureDifference parse_temperature_difference(std::string_view text);
Mass parse_mass(std::string_view text);
Volume parse_volume(std::string_view text);
Length parse_length(std::string_view text);
Density parse_density(std::string_view text);
MoneyPerMass parse_money_per_mass(std::string_view text);

}  // namespace magsel::units
