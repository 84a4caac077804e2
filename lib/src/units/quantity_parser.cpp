// The run-time unit table and parser behind magsel::parse_quantity.
//
// A unit expression is terms joined by '*' (or '·') and '/', each term a symbol with an
// optional SI prefix and an optional integer power ("^3", "³"). Each symbol has a scale to SI
// and a dimension vector; the expression's product is compared with what the caller expects.
// Absolute temperatures (degC, °C, degF, K) are only accepted alone, where their offset
// makes sense; inside a compound ("%/degC") they are interval units (1 °C = 1 K).
#include "magsel/quantity_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "magsel/units.hpp"

namespace magsel {
namespace {

// Exponents of mass, length, time, current, temperature, currency.
using DimVector = std::array<int, 6>;

constexpr DimVector dim_none{0, 0, 0, 0, 0, 0};
constexpr DimVector dim_mass{1, 0, 0, 0, 0, 0};
constexpr DimVector dim_length{0, 1, 0, 0, 0, 0};
constexpr DimVector dim_time{0, 0, 1, 0, 0, 0};
constexpr DimVector dim_current{0, 0, 0, 1, 0, 0};
constexpr DimVector dim_temperature{0, 0, 0, 0, 1, 0};
constexpr DimVector dim_currency{0, 0, 0, 0, 0, 1};
constexpr DimVector dim_flux_density{1, 0, -2, -1, 0, 0};   // T = kg s^-2 A^-1
constexpr DimVector dim_field_strength{0, -1, 0, 1, 0, 0};  // A/m
constexpr DimVector dim_energy{1, 2, -2, 0, 0, 0};          // J
constexpr DimVector dim_energy_density{1, -1, -2, 0, 0, 0}; // J/m^3 = Pa
constexpr DimVector dim_force{1, 1, -2, 0, 0, 0};           // N
constexpr DimVector dim_power{1, 2, -3, 0, 0, 0};           // W
constexpr DimVector dim_volume{0, 3, 0, 0, 0, 0};
constexpr DimVector dim_density{1, -3, 0, 0, 0, 0};
constexpr DimVector dim_per_kelvin{0, 0, 0, 0, -1, 0};
constexpr DimVector dim_money_per_mass{-1, 0, 0, 0, 0, 1};

struct UnitSymbol {
    std::string_view symbol;
    double scale;           // to SI
    DimVector dim;
    bool takes_prefix;
    double absolute_offset; // K added after scaling, for temperature points (°C, °F)
    bool is_temperature;
};

constexpr double oe = units::oersted_in_ampere_per_metre;
constexpr double gauss = units::gauss_in_tesla;

constexpr std::array<UnitSymbol, 22> unit_table{{
    {"T", 1.0, dim_flux_density, true, 0.0, false},
    {"G", gauss, dim_flux_density, true, 0.0, false},
    {"Gs", gauss, dim_flux_density, true, 0.0, false},
    {"A", 1.0, dim_current, true, 0.0, false},
    {"m", 1.0, dim_length, true, 0.0, false},
    {"Oe", oe, dim_field_strength, true, 0.0, false},
    {"GOe", gauss * oe, dim_energy_density, true, 0.0, false},  // so "MGOe" = 1e6 G·Oe
    {"J", 1.0, dim_energy, true, 0.0, false},
    {"Pa", 1.0, dim_energy_density, true, 0.0, false},
    {"N", 1.0, dim_force, true, 0.0, false},
    {"W", 1.0, dim_power, true, 0.0, false},
    {"s", 1.0, dim_time, true, 0.0, false},
    {"g", 1.0e-3, dim_mass, true, 0.0, false},
    {"t", 1.0e3, dim_mass, false, 0.0, false},  // metric tonne
    {"L", 1.0e-3, dim_volume, true, 0.0, false},
    {"K", 1.0, dim_temperature, false, 0.0, true},
    {"degC", 1.0, dim_temperature, false, units::celsius_zero_in_kelvin, true},
    {"\xC2\xB0""C", 1.0, dim_temperature, false, units::celsius_zero_in_kelvin, true},  // °C
    {"degF", 5.0 / 9.0, dim_temperature, false, 459.67 * 5.0 / 9.0, true},
    {"\xC2\xB0""F", 5.0 / 9.0, dim_temperature, false, 459.67 * 5.0 / 9.0, true},       // °F
    {"%", 0.01, dim_none, false, 0.0, false},
    {"USD", 1.0, dim_currency, false, 0.0, false},
}};

/// Spellings printed on datasheets (Chinese makers' tables especially) that mean one unit
/// without doubt: an upper-case K is never an SI prefix, and none of these spells another unit
/// (`KG` is not here: kG or kg?). docs/units.md lists them.
struct Alias {
    std::string_view spelling;
    std::string_view unit;  // the canonical symbol, with its SI prefix
};
constexpr std::array<Alias, 9> aliases{{
    {"KGs", "kGs"}, {"KOe", "kOe"}, {"KA", "kA"}, {"KJ", "kJ"}, {"Gauss", "G"}, {"gauss", "G"}, {"kGauss", "kG"},
    {"KGauss", "kG"}, {"kgauss", "kG"},
}};

struct Prefix {
    std::string_view symbol;
    double factor;
};
constexpr std::array<Prefix, 6> prefixes{{
    {"k", 1e3}, {"M", 1e6}, {"m", 1e-3}, {"c", 1e-2}, {"u", 1e-6}, {"\xC2\xB5", 1e-6} /* µ */,
}};

struct Dimension_info {
    Dimension dimension;
    DimVector dim;
    std::string_view description;
};
constexpr std::array<Dimension_info, 12> dimension_info{{
    {Dimension::flux_density, dim_flux_density, "a flux density (e.g. 1.2 T, 1200 mT, 12 kG)"},
    {Dimension::field_strength, dim_field_strength, "a magnetic field strength (e.g. 950 kA/m, 12 kOe)"},
    {Dimension::energy_density, dim_energy_density, "an energy density (e.g. 398 kJ/m^3, 50 MGOe)"},
    {Dimension::temperature, dim_temperature, "a temperature (e.g. 150 degC, 150 °C, 423.15 K, 302 degF)"},
    {Dimension::temperature_difference, dim_temperature, "a temperature difference (e.g. 10 K)"},
    {Dimension::temperature_coefficient, dim_per_kelvin, "a temperature coefficient (e.g. -0.12 %/K, -0.12 %/degC)"},
    {Dimension::mass, dim_mass, "a mass (e.g. 1.6 kg, 250 g)"},
    {Dimension::volume, dim_volume, "a volume (e.g. 12 cm^3)"},
    {Dimension::length, dim_length, "a length (e.g. 10 mm, 1.2 cm)"},
    {Dimension::density, dim_density, "a density (e.g. 7.55 g/cm^3)"},
    {Dimension::money_per_mass, dim_money_per_mass, "a price per mass (e.g. 85 USD/kg)"},
    {Dimension::fraction, dim_none, "a fraction (e.g. 1 %, 0.01)"},
}};

const Dimension_info& info_of(Dimension d) {
    for (const auto& i : dimension_info)
        if (i.dimension == d) return i;
    return dimension_info.back();
}

/// A name for a dimension vector found in the input, for "is a mass, expected ...".
std::string name_of(const DimVector& dim) {
    if (dim == dim_none) return "dimensionless";
    for (const auto& i : dimension_info)
        if (i.dim == dim && i.dimension != Dimension::temperature_difference) {
            auto d = std::string(i.description);
            return d.substr(0, d.find(" (e.g."));
        }
    static constexpr std::array<std::string_view, 6> base{"kg", "m", "s", "A", "K", "USD"};
    std::string out;
    for (std::size_t k = 0; k < base.size(); ++k) {
        if (dim[k] == 0) continue;
        if (!out.empty()) out += "·";
        out += base[k];
        if (dim[k] != 1) out += fmt::format("^{}", dim[k]);
    }
    return "a quantity in " + out;
}

struct ParsedUnit {
    double scale = 1.0;
    DimVector dim = dim_none;
    const UnitSymbol* lone_temperature = nullptr;  // set when the unit is one temperature symbol
};

bool is_symbol_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%' || u >= 0x80;
}

std::optional<std::pair<const UnitSymbol*, double>> lookup_exact(std::string_view sym) {
    for (const auto& u : unit_table)
        if (u.symbol == sym) return std::pair{&u, 1.0};
    for (const auto& p : prefixes) {
        if (sym.size() <= p.symbol.size() || sym.substr(0, p.symbol.size()) != p.symbol) continue;
        const auto rest = sym.substr(p.symbol.size());
        for (const auto& u : unit_table)
            if (u.symbol == rest && u.takes_prefix) return std::pair{&u, p.factor};
    }
    return std::nullopt;
}

std::optional<std::pair<const UnitSymbol*, double>> lookup(std::string_view sym) {
    if (auto found = lookup_exact(sym)) return found;
    for (const auto& a : aliases)
        if (a.spelling == sym) return lookup_exact(a.unit);
    return std::nullopt;
}

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The known spellings that differ from `sym` only in letter case, as canonical units: one is
/// a suggestion, several (`ma` → mA or MA) mean the case decides the prefix and magsel will not guess.
std::vector<std::string> case_variants(std::string_view sym) {
    const auto want = lower(sym);
    std::vector<std::string> found;
    auto add = [&](std::string spelling, std::string canonical) {
        if (lower(spelling) != want) return;
        if (std::find(found.begin(), found.end(), canonical) == found.end()) found.push_back(std::move(canonical));
    };
    for (const auto& u : unit_table) {
        add(std::string(u.symbol), std::string(u.symbol));
        if (!u.takes_prefix) continue;
        for (const auto& p : prefixes) add(std::string(p.symbol) + std::string(u.symbol), std::string(p.symbol) + std::string(u.symbol));
    }
    for (const auto& a : aliases) add(std::string(a.spelling), std::string(a.unit));
    return found;
}

std::string unknown_unit_message(std::string_view sym) {
    const auto variants = case_variants(sym);
    if (variants.size() == 1) return fmt::format("unknown unit `{}`; did you mean `{}`?", sym, variants.front());
    if (variants.size() > 1) {
        std::vector<std::string> quoted;
        for (const auto& v : variants) quoted.push_back("`" + v + "`");
        return fmt::format("ambiguous unit `{}`: letter case decides what it means (m milli or M mega, g gram or G gauss); did you mean {}?",
                           sym, fmt::join(quoted, " or "));
    }
    if (sym == "KG" || sym == "Kg")
        return fmt::format("ambiguous unit `{}`: kG (kilogauss, a flux density) or kg (kilogram)?", sym);
    return fmt::format("unknown unit `{}`", sym);
}

/// Degree signs as datasheets print them: ℃ (U+2103), ℉ (U+2109), and °C written with the
/// masculine ordinal º (U+00BA) or the ring above ˚ (U+02DA) become degC / degF.
std::string normalize_unit(std::string_view unit) {
    std::string out;
    for (std::size_t i = 0; i < unit.size();) {
        auto at = [&](std::string_view s) { return unit.compare(i, s.size(), s) == 0; };
        if (at("\xE2\x84\x83")) out += "degC", i += 3;        // ℃
        else if (at("\xE2\x84\x89")) out += "degF", i += 3;   // ℉
        else if (at("\xC2\xBA""C") || at("\xCB\x9A""C")) out += "degC", i += 3;  // ºC ˚C
        else if (at("\xC2\xBA""F") || at("\xCB\x9A""F")) out += "degF", i += 3;  // ºF ˚F
        else out += unit[i++];
    }
    return out;
}

[[noreturn]] void fail(std::string_view text, Dimension expected, const std::string& what) {
    throw UnitError(fmt::format("`{}`: {}; expected {}", text, what, describe(expected)));
}

ParsedUnit parse_unit(std::string_view unit, std::string_view text, Dimension expected) {
    ParsedUnit out;
    std::size_t i = 0;
    int sign = +1;
    int terms = 0;
    auto skip_space = [&] { while (i < unit.size() && unit[i] == ' ') ++i; };
    while (true) {
        skip_space();
        const std::size_t start = i;
        while (i < unit.size() && is_symbol_byte(unit[i])) {
            // '·' (C2 B7) is an operator, not part of a symbol
            if (unit.compare(i, 2, "\xC2\xB7") == 0) break;
            // '²' '³' (C2 B2, C2 B3) are powers
            if (unit.compare(i, 2, "\xC2\xB2") == 0 || unit.compare(i, 2, "\xC2\xB3") == 0) break;
            ++i;
        }
        const auto sym = unit.substr(start, i - start);
        if (sym.empty()) fail(text, expected, fmt::format("cannot read the unit `{}`", unit));
        const auto found = lookup(sym);
        if (!found && std::any_of(sym.begin(), sym.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
            fail(text, expected, fmt::format("unknown unit `{}`: it holds a letter that is not ASCII (a look-alike "
                                             "from another alphabet, e.g. Cyrillic `Т` for `T`?)", sym));
        if (!found) fail(text, expected, unknown_unit_message(sym));
        int power = 1;
        if (i < unit.size() && unit[i] == '^') {
            ++i;
            const char* first = unit.data() + i;
            const auto [ptr, ec] = std::from_chars(first, unit.data() + unit.size(), power);
            // |power| ≤ 12 covers every real unit (m^3, s^-2) and keeps the exponent arithmetic
            // below int overflow (the fuzzer found `4G^1111111111`).
            if (ec != std::errc{} || power == 0 || power > 12 || power < -12)
                fail(text, expected, fmt::format("bad power after `{}^` (an integer from -12 to 12, not 0)", sym));
            i += static_cast<std::size_t>(ptr - first);
        } else if (unit.compare(i, 2, "\xC2\xB2") == 0) {
            power = 2, i += 2;
        } else if (unit.compare(i, 2, "\xC2\xB3") == 0) {
            power = 3, i += 2;
        } else if (i < unit.size() && (unit[i] == '2' || unit[i] == '3') &&
                   (i + 1 == unit.size() || !std::isdigit(static_cast<unsigned char>(unit[i + 1])))) {
            power = unit[i] - '0', i += 1;  // datasheets' m3, cm2: a power written without ^
        }
        const auto [u, prefix] = *found;
        out.scale *= std::pow(u->scale * prefix, sign * power);
        for (std::size_t k = 0; k < out.dim.size(); ++k) out.dim[k] += sign * power * u->dim[k];
        ++terms;
        out.lone_temperature = (terms == 1 && power == 1 && sign == 1 && u->is_temperature) ? u : nullptr;
        skip_space();
        if (i == unit.size()) break;
        if (unit[i] == '/') {
            sign = -1, ++i;
        } else if (unit[i] == '*') {
            sign = +1, ++i;
        } else if (unit.compare(i, 2, "\xC2\xB7") == 0) {
            sign = +1, i += 2;
        } else {
            fail(text, expected, fmt::format("unexpected `{}` in the unit `{}`", unit.substr(i, 1), unit));
        }
    }
    if (terms > 1) out.lone_temperature = nullptr;
    return out;
}

/// YAML spells not-a-number and infinity `.nan`, `.NaN`, `.inf`, `-.Inf` ...; C spells them
/// `nan`, `inf`, `infinity`. None is a magnet property.
bool spells_non_finite(std::string_view s) {
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
    if (!s.empty() && s.front() == '.') s.remove_prefix(1);
    std::string lower;
    for (char c : s.substr(0, 3)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "nan" || lower == "inf";
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string describe(Dimension d) { return std::string(info_of(d).description); }

double parse_quantity(std::string_view raw, Dimension expected) {
    const auto text = trim(raw);
    if (text.empty()) fail(raw, expected, "empty value");
    if (spells_non_finite(text)) fail(text, expected, "the number must be finite");
    std::string_view rest = text;
    if (rest.front() == '+') rest.remove_prefix(1);
    double number = 0.0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (ec == std::errc::result_out_of_range) fail(text, expected, "the number is out of range");
    if (ec != std::errc{}) fail(text, expected, "does not start with a number");
    if (!std::isfinite(number)) fail(text, expected, "the number must be finite");
    const auto unit = trim(rest.substr(static_cast<std::size_t>(ptr - rest.data())));

    if (unit.empty()) {
        if (expected == Dimension::fraction) return number;
        fail(text, expected, "the value has no unit");
    }
    // A letter glued to the number's exponent ("1e" + "3T") cannot happen: from_chars took it.
    const auto normalized = normalize_unit(unit);
    const auto parsed = parse_unit(normalized, text, expected);
    const auto& want = info_of(expected);
    if (parsed.dim != want.dim) {
        fail(text, expected, fmt::format("this is {}", name_of(parsed.dim)));
    }
    if (expected == Dimension::temperature) {
        if (!parsed.lone_temperature)
            fail(text, expected, "an absolute temperature takes one unit: degC, °C, K or degF");
        double kelvin = number * parsed.lone_temperature->scale + parsed.lone_temperature->absolute_offset;
        if (kelvin < 0.0 && kelvin > -1e-9) kelvin = 0.0;  // -459.67 degF, -273.15 degC: absolute zero, rounded
        if (kelvin < 0.0) fail(text, expected, fmt::format("{:g} K is below absolute zero", kelvin));
        return kelvin;
    }
    const double value = number * parsed.scale;
    if (!std::isfinite(value)) fail(text, expected, "the value overflows");
    return value;
}

// ---- typed wrappers (declared in units.hpp) ------------------------------------------------
namespace units {
FluxDensity parse_flux_density(std::string_view t) {
    return parse_quantity(t, Dimension::flux_density) * tesla;
}
FieldStrength parse_field_strength(std::string_view t) {
    return parse_quantity(t, Dimension::field_strength) * ampere_per_metre;
}
EnergyDensity parse_energy_density(std::string_view t) {
    return parse_quantity(t, Dimension::energy_density) * joule_per_cubic_metre;
}
Temperature parse_temperature(std::string_view t) {
    return kelvin_point(parse_quantity(t, Dimension::temperature));
}
TemperatureDifference parse_temperature_difference(std::string_view t) {
    return parse_quantity(t, Dimension::temperature_difference) * kelvin;
}
Mass parse_mass(std::string_view t) { return parse_quantity(t, Dimension::mass) * kilogram; }
Volume parse_volume(std::string_view t) { return parse_quantity(t, Dimension::volume) * cubic_metre; }
Length parse_length(std::string_view t) { return parse_quantity(t, Dimension::length) * metre; }
Density parse_density(std::string_view t) {
    return parse_quantity(t, Dimension::density) * kilogram_per_cubic_metre;
}
MoneyPerMass parse_money_per_mass(std::string_view t) {
    return parse_quantity(t, Dimension::money_per_mass) * usd_per_kilogram;
}
}  // namespace units

}  // namespace magsel
