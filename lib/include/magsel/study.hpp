// magsel/study.hpp — trade studies: one quantity of several grades swept over temperature,
// opposing field or permeance coefficient.
#pragma once

#include <string_view>
#include <vector>

#include "magsel/demag.hpp"

namespace magsel {

enum class SweepVariable { temperature, field, permeance };
std::string_view to_string(SweepVariable v);

struct SweepSpec {
    SweepVariable variable = SweepVariable::temperature;
    double from = 0.0;  ///< SI: K for temperature (absolute), A/m for field, plain number for Pc
    double to = 0.0;
    int steps = 10;     ///< number of values, both ends included (≥ 2)
    LoadLine load;      ///< the circuit when it is not the swept variable
    units::Temperature temperature = units::reference_temperature();  ///< when temperature is not swept
    Basis basis = Basis::minimum;
};

struct SweepRow {
    const Grade* grade = nullptr;
    double value = 0.0;  ///< the swept variable, SI
    units::FluxDensity remanence;
    units::FieldStrength intrinsic_coercivity;
    WorkingPoint point;  ///< at this value (temperature set)
};

/// One row per (grade, value), grades in the given order, values ascending.
/// A temperature sweep has no rows outside a grade's validity envelope (envelope.hpp): each
/// grade's curve stops below its Curie temperature (and starts at its spin-reorientation
/// temperature). Sweeping field or Pc at a temperature outside a grade's envelope is a UsageError.
/// Throws UsageError for fewer than 2 steps, more than 100000, or a bad range.
std::vector<SweepRow> sweep(const std::vector<const Grade*>& grades, const SweepSpec& spec);

}  // namespace magsel
