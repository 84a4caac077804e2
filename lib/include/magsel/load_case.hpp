// magsel/load_case.hpp — what a requirement asks of a magnet at each temperature, worked out
// once: the temperatures checked, where the opposing field acts, and the checks at each point
// (Br, open-circuit B, irreversible loss, rated temperature). evaluate() in select.hpp, the
// margins to failure and the onset search in margins.hpp all use it, so they cannot disagree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "magsel/demag.hpp"
#include "magsel/envelope.hpp"
#include "magsel/requirement.hpp"

namespace magsel {

/// The checks of a requirement, in the order match applies them.
enum class Check {
    family,
    heavy_rare_earth_free,
    export_controlled_free,
    max_dy_tb,
    exclude_elements,
    min_recycled_content,
    rated_temperature,
    max_cost,
    min_remanence,
    min_flux_density,
    irreversible_loss,
    /// The temperature lies outside the grade's validity envelope (envelope.hpp): at or above its
    /// Curie temperature, or below its spin-reorientation temperature. Nothing is computed there.
    validity,
};
/// "family", "max_dy_tb", ... as in docs/requirement-file-format.md.
std::string_view to_string(Check c);

/// One temperature the requirement is checked at.
struct LoadPoint {
    units::Temperature temperature;
    bool field_applies = true;  ///< the opposing field acts here (all points unless `opposing_field_at`)
};

/// A requirement's physics, point by point.
struct LoadCase {
    std::vector<LoadPoint> points;                       ///< the grid of the range plus `opposing_field_at`, ascending
    Basis basis = Basis::minimum;
    std::optional<units::FluxDensity> min_remanence;     ///< Br(T) at every point
    std::optional<units::FluxDensity> min_flux_density;  ///< open-circuit B at every point (needs a Pc)
    std::optional<double> permeance_coefficient;         ///< empty: no demagnetization block
    units::FieldStrength opposing_field = 0.0 * units::ampere_per_metre;  ///< safety margin included
    units::FieldStrength nominal_opposing_field = 0.0 * units::ampere_per_metre;  ///< without the safety margin
    double max_irreversible_loss = 0.01;
    bool require_rated_temperature = false;              ///< every point at or below the grade's rating
};

/// The load case of a requirement (or design) file.
LoadCase load_case(const Requirement& requirement);

/// The points where a check that is monotone in temperature between them (Br, Hcj and the loss
/// at a fixed load line are) can be worst: both ends of the range and, when the opposing field
/// acts only at some temperatures, each of those. Monte Carlo samples only these.
std::vector<LoadPoint> critical_points(const LoadCase& load);

/// A what-if on a load case: every temperature shifted, the opposing field scaled, another Pc.
/// The margins to failure are the largest variations that still pass.
struct LoadVariation {
    units::TemperatureDifference temperature_shift = 0.0 * units::kelvin;
    double field_scale = 1.0;
    std::optional<double> permeance_coefficient;  ///< replaces the load case's
};

/// Every check of the load case at one point.
struct PointEvaluation {
    units::Temperature temperature;                              ///< shifted
    units::FluxDensity remanence;                                ///< Br(T)
    std::optional<units::FluxDensity> open_circuit_flux_density; ///< with min_flux_density
    std::optional<WorkingPoint> working_point;                   ///< with a demagnetization block
    bool extrapolated = false;                                   ///< beyond the grade's temperature data
    /// Set when the point lies outside the grade's validity envelope (envelope.hpp). The point
    /// then fails Check::validity first, and carries no computed physics: Br 0 T and, with a
    /// demagnetization block, a working point with 100 % loss, so that an aggregate over points
    /// that does not look at `failed` cannot pass it either. (Above the Curie temperature that
    /// is the physics: nothing is left; below the spin reorientation it is a placeholder.)
    std::optional<EnvelopeViolation> outside_envelope;
    std::optional<Check> failed;                                 ///< the first check that fails here
};

PointEvaluation evaluate_point(const Grade& grade, const LoadCase& load, const LoadPoint& point,
                               const LoadVariation& variation = {});

/// Whether every point of the load case passes under `variation`.
bool passes_everywhere(const Grade& grade, const LoadCase& load, const LoadVariation& variation);

}  // namespace magsel
