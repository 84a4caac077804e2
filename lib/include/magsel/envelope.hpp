// magsel/envelope.hpp — where a grade's temperature model holds: its physical limits.
//
// Br(T) and Hcj(T) scale the 20 °C values by a smooth model (thermal.hpp). Beyond the grade's
// stated data range that model is extrapolated, with a warning. Beyond a physical limit it is
// not a model of anything, and magsel does not compute there (docs/physics.md, "The validity
// envelope"):
//   - at and above the Curie temperature the material is paramagnetic: no remanence is left,
//     and a magnet cooled back is demagnetized;
//   - below the spin-reorientation temperature of Nd2Fe14B (≈ 135 K) the easy axis tilts into
//     a cone, Br stops rising and makers warn of up to ~15 % less output: the linear α no
//     longer holds, and magsel has no sourced model of what replaces it.
// The limits come from the grade (its source's Curie temperature) or its family file
// (grades/families/*.yaml, `limits`), each with a source (Grade::curie_limit,
// Grade::spin_reorientation_limit).
#pragma once

#include <optional>
#include <string>

#include "magsel/grade.hpp"

namespace magsel {

enum class LimitKind {
    curie,               ///< at or above the Curie temperature
    spin_reorientation,  ///< below the spin-reorientation temperature
};

/// A temperature outside a grade's validity envelope.
struct EnvelopeViolation {
    LimitKind kind = LimitKind::curie;
    units::Temperature temperature;  ///< the temperature asked for
    units::Temperature limit;        ///< the limit it passes
    std::string source;              ///< citation of the limit's source (title, publisher, date — url)
    bool estimated = false;          ///< the limit is an estimate (see Grade::…_limit.estimated)
    /// "N42 at 330 °C: at or above its Curie temperature 310 °C (source: ...): no remanence is left;
    /// magsel does not compute beyond it"
    std::string message;
};

/// Empty when `temperature` lies inside the grade's envelope (or the grade has no limits).
std::optional<EnvelopeViolation> envelope_violation(const Grade& grade, units::Temperature temperature);

/// Throws UsageError with the violation's message when `temperature` is outside the envelope.
void require_within_envelope(const Grade& grade, units::Temperature temperature);

/// The envelope as a range [low, high): low the spin-reorientation temperature (if any), high
/// the Curie temperature (if any). A temperature t is inside when low ≤ t < high.
struct TemperatureEnvelope {
    std::optional<units::Temperature> low;
    std::optional<units::Temperature> high;
    bool contains(units::Temperature t) const { return (!low || !(t < *low)) && (!high || t < *high); }
};
TemperatureEnvelope temperature_envelope(const Grade& grade);

}  // namespace magsel
