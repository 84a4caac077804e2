#include "magsel/envelope.hpp"

#include <fmt/format.h>

#include "magsel/error.hpp"

namespace magsel {
namespace {

std::string citation(const Grade& g, const PhysicalLimit& l) {
    auto text = g.source_for(l.source_id).citation();
    if (!l.estimated.empty()) text += "; estimated: " + l.estimated;
    return text;
}

}  // namespace

TemperatureEnvelope temperature_envelope(const Grade& g) {
    TemperatureEnvelope e;
    if (g.spin_reorientation_limit) e.low = g.spin_reorientation_limit->temperature;
    if (g.curie_limit) e.high = g.curie_limit->temperature;
    return e;
}

std::optional<EnvelopeViolation> envelope_violation(const Grade& g, units::Temperature t) {
    const double c = units::to_celsius(t);
    if (g.curie_limit && !(t < g.curie_limit->temperature)) {
        const auto& l = *g.curie_limit;
        EnvelopeViolation v{LimitKind::curie, t, l.temperature, citation(g, l), !l.estimated.empty(), ""};
        v.message = fmt::format("{} at {:g} °C: at or above its Curie temperature {:g} °C, where no remanence is left "
                                "(a magnet cooled back is demagnetized); magsel does not compute beyond it. "
                                "Limit from {}",
                                g.name, c, units::to_celsius(l.temperature), v.source);
        return v;
    }
    if (g.spin_reorientation_limit && t < g.spin_reorientation_limit->temperature) {
        const auto& l = *g.spin_reorientation_limit;
        EnvelopeViolation v{LimitKind::spin_reorientation, t, l.temperature, citation(g, l), !l.estimated.empty(), ""};
        v.message = fmt::format("{} at {:g} °C ({:g} K): below the spin-reorientation temperature {:g} °C ({:g} K) of "
                                "Nd2Fe14B, where Br stops rising and the output can fall by up to ~15 %; the linear "
                                "temperature model does not hold there and magsel has no sourced model of it. "
                                "Limit from {}",
                                g.name, c, t.value(), units::to_celsius(l.temperature), l.temperature.value(), v.source);
        return v;
    }
    return std::nullopt;
}

void require_within_envelope(const Grade& g, units::Temperature t) {
    if (const auto v = envelope_violation(g, t)) throw UsageError(v->message);
}

}  // namespace magsel
