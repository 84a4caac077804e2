// magsel/grade.hpp — one magnet grade as its data file describes it, at 20 °C.
//
// A Grade holds what the maker publishes (rated values, temperature coefficients or points,
// provenance). Properties at other temperatures come from thermal.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "magsel/units.hpp"

namespace magsel {

enum class Family { sintered_ndfeb, hot_deformed_ndfeb, bonded_ndfeb, ferrite, smco5, sm2co17 };

/// The file spelling of a family: "sintered-ndfeb", "ferrite", "sm2co17" ...
std::string_view to_string(Family f);
std::optional<Family> family_from_string(std::string_view s);
/// All families, in display order.
const std::vector<Family>& all_families();
/// NdFeB of any process (sintered, hot-deformed, bonded).
bool is_ndfeb(Family f);

/// Where a value comes from: a document with a date.
struct Source {
    std::string id;         ///< short id within its file ("file" for the file's own source)
    std::string title;
    std::string publisher;
    std::string url;
    std::string document;   ///< a standard or document number when there is no URL
    std::string date;       ///< publication or revision date, or "undated"
    std::string retrieved;  ///< when magsel's authors read it
    std::string notes;
    /// "title, publisher, date — url"
    std::string citation() const;
    bool operator==(const Source&) const = default;
};

/// A value the maker rates: guaranteed minimum, typical, upper end of a range.
template <class Q>
struct Rated {
    std::optional<Q> min;
    std::optional<Q> typ;
    std::optional<Q> max;
    std::string source_id;   ///< empty: the grade's source
    std::string estimated;   ///< non-empty: how the value was estimated
    bool operator==(const Rated&) const = default;
};

/// Where a model parameter (μrec, squareness, density) came from.
enum class ValueOrigin { grade_data, family_default };

/// A number (or quantity) with its provenance.
template <class Q>
struct Sourced {
    Q value{};
    ValueOrigin origin = ValueOrigin::grade_data;
    std::string source_id;
    std::string estimated;
    bool operator==(const Sourced&) const = default;
};

/// Linear reversible temperature coefficients as datasheets state them.
struct TemperatureCoefficients {
    double remanence_per_kelvin = 0.0;   ///< α [1/K] (datasheet %/K divided by 100)
    double coercivity_per_kelvin = 0.0;  ///< β [1/K]
    units::Temperature range_low = units::reference_temperature();
    units::Temperature range_high = units::reference_temperature();
    std::string source_id;
    std::string estimated;
    bool operator==(const TemperatureCoefficients&) const = default;
};

/// Typical values published at one temperature (either property may be absent).
struct TemperaturePoint {
    units::Temperature temperature = units::reference_temperature();
    std::optional<units::FluxDensity> remanence;
    std::optional<units::FieldStrength> intrinsic_coercivity;
    std::string source_id;
    bool operator==(const TemperaturePoint&) const = default;
};

/// Heavy-rare-earth (Dy + Tb) content.
struct HeavyRareEarth {
    double dy_tb_fraction = 0.0;  ///< mass fraction (0.035 = 3.5 wt %)
    bool estimated = false;       ///< true: an estimate (see note), false: published
    std::string note;
    std::optional<double> tb_share;  ///< Tb part of Dy + Tb where stated (else the family's split)
    bool operator==(const HeavyRareEarth&) const = default;
};

/// One element's mass fraction in a magnet ("PrNd" stands for the Pr–Nd mix).
struct ElementFraction {
    std::string element;
    double fraction = 0.0;  ///< mass fraction (0.30 = 30 wt %)
    bool operator==(const ElementFraction&) const = default;
};

/// What a magnet is made of, by mass.
struct Composition {
    std::vector<ElementFraction> elements;
    bool estimated = true;
    std::string note;
    std::string source_id;
    ValueOrigin origin = ValueOrigin::grade_data;
    /// Family defaults only: the element a grade's Dy + Tb replaces, and the Dy part of it.
    std::string heavy_rare_earth_replaces;
    double dy_share = 1.0;
    /// Mass fraction of `element` (0 when absent).
    double fraction_of(std::string_view element) const;
    bool operator==(const Composition&) const = default;
};

/// The temperature model of one property: X(T)/X(20 °C) as a polynomial in (T − 20 °C),
/// valid over [low, high]; outside, continued linearly with the slope at the nearer end.
struct RelativeTemperatureModel {
    std::vector<double> coefficients;  ///< c0 + c1·ΔT + c2·ΔT², ΔT in K; c0 == 1
    units::Temperature low = units::reference_temperature();   ///< the lowest temperature of its data
    units::Temperature high = units::reference_temperature();  ///< the highest
    enum class Kind { linear_coefficients, fitted_points } kind = Kind::linear_coefficients;
    double rms_residual = 0.0;  ///< of the fit, relative (0 for coefficients)
    std::size_t point_count = 0;
    bool operator==(const RelativeTemperatureModel&) const = default;
};

/// A demagnetization curve measured at one temperature (a grade file's `demagnetization_curves`),
/// stored as the intrinsic curve J(h) at rising h = −H ≥ 0, the first point at h = 0.
struct MeasuredCurve {
    units::Temperature temperature = units::reference_temperature();
    std::vector<double> field;         ///< h [A/m], strictly rising, field.front() == 0
    std::vector<double> polarization;  ///< J [T] at each h (from B + μ0·h for a normal curve)
    bool normal_curve = false;         ///< the file gave B (normal curve) rather than J
    bool minimum = false;              ///< a guaranteed-minimum curve (basis: min); else typical
    std::string source_id;             ///< empty: the grade's source
    bool operator==(const MeasuredCurve&) const = default;
};

/// How magsel knows a grade is free of the heavy rare earths Dy and Tb.
enum class HreFreeBasis {
    stated,       ///< the maker or a paper says so (a grade file's `hre_free` block)
    composition,  ///< the grade's Dy + Tb is zero: the family composition has none (ferrite, SmCo),
                  ///< or the grade's `heavy_rare_earth` gives 0 % (e.g. the N-class convention)
    estimated,    ///< a grade file's `hre_free` block with `basis: estimated` (its note says why)
};
/// "stated", "composition", "estimated".
std::string_view to_string(HreFreeBasis b);

/// A grade file's `hre_free` block: who says the grade has no Dy and no Tb.
struct HreFreeStatement {
    HreFreeBasis basis = HreFreeBasis::stated;  ///< stated or estimated (composition is derived, never written)
    std::string source_id;                      ///< empty: the grade's source
    std::string note;
    bool operator==(const HreFreeStatement&) const = default;
};

/// A recycled-material share a supplier states for a grade (EU Regulation 2024/1252 asks for its
/// disclosure). Built-in grades have none: "unknown" is not 0 %.
struct RecycledContent {
    double fraction = 0.0;         ///< recycled mass fraction (0.25 = 25 %)
    std::string basis = "stated";  ///< only "stated" (a supplier's statement) is accepted
    std::string source_id;         ///< empty: the grade's source
    bool operator==(const RecycledContent&) const = default;
};

/// A physical limit of a material, beyond which magsel's temperature model does not hold
/// (docs/physics.md, "The validity envelope"): the Curie temperature, and for NdFeB the
/// spin-reorientation temperature of Nd2Fe14B.
struct PhysicalLimit {
    units::Temperature temperature = units::reference_temperature();
    std::string source_id;  ///< in the grade's sources ("family:ID" for the family file's)
    std::string estimated;  ///< non-empty: how it was estimated
    std::string note;       ///< what the source says
    bool operator==(const PhysicalLimit&) const = default;
};

struct Grade {
    std::string name;
    std::vector<std::string> aliases;
    Family family = Family::sintered_ndfeb;
    std::string process;  ///< conventional | grain-boundary-diffusion | hre-free (NdFeB), or empty
    std::string series;   ///< the file's series line
    std::string file;     ///< the file it came from ("builtin:..." for embedded data)
    int line = 0;         ///< where its entry starts
    Source source;                       ///< the grade's main source
    std::vector<Source> other_sources;   ///< sources its values refer to by id
    bool builtin = true;

    Rated<units::FluxDensity> remanence;                 ///< Br at 20 °C
    Rated<units::FieldStrength> intrinsic_coercivity;    ///< Hcj at 20 °C
    Rated<units::FieldStrength> normal_coercivity;       ///< Hcb at 20 °C
    Rated<units::EnergyDensity> energy_product;          ///< (BH)max at 20 °C

    std::optional<TemperatureCoefficients> coefficients;
    std::vector<TemperaturePoint> temperature_points;
    RelativeTemperatureModel remanence_model;            ///< built at load time
    RelativeTemperatureModel coercivity_model;

    Sourced<double> recoil_permeability;                 ///< μrec, relative
    Sourced<double> squareness;                          ///< Hk/Hcj at 20 °C
    Sourced<units::Density> density;
    std::vector<MeasuredCurve> measured_curves;          ///< used at their temperature and basis

    std::optional<units::Temperature> max_operating_temperature;
    std::optional<units::Temperature> curie_temperature;  ///< as the grade's source states it, if it does
    /// The limits magsel enforces: the grade's own Curie temperature where its source states one,
    /// else its family's (grades/families/*.yaml `limits`); the spin reorientation from the family.
    std::optional<PhysicalLimit> curie_limit;
    std::optional<PhysicalLimit> spin_reorientation_limit;
    std::optional<HeavyRareEarth> heavy_rare_earth;
    std::optional<HreFreeStatement> hre_free_statement;  ///< a grade file's `hre_free` block, if any
    std::optional<Composition> composition;  ///< the grade's own, or derived from the family's
    std::optional<RecycledContent> recycled_content;  ///< a grade file's `recycled_content`, if stated
    std::string notes;

    /// The source with this id ("" or "file": the grade's own source).
    const Source& source_for(std::string_view id) const;
    bool operator==(const Grade&) const = default;
};

/// Whether `grade` is free of Dy and Tb, and on what basis: its file's `hre_free` block
/// (stated or estimated) or else its composition (Dy + Tb zero, from the grade's
/// `heavy_rare_earth` or, without one, the family composition). nullopt: it contains Dy or Tb, or
/// its content is unknown (no composition). docs/economics.md, "Heavy-rare-earth-free".
std::optional<HreFreeBasis> hre_free_basis(const Grade& grade);
/// The grade's values that are estimates rather than published figures: "Br", "Hcj", "Hcb",
/// "temperature coefficients" (its file's `estimated` notes say how). Empty: all published.
std::vector<std::string> estimated_values(const Grade& grade);
/// hre_free_basis(grade).has_value().
inline bool is_hre_free(const Grade& grade) { return hre_free_basis(grade).has_value(); }

}  // namespace magsel
