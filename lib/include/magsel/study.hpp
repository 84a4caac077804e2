// magsel/study.hpp — trade studies: one quantity of several grades swept over temperature,
// opposing field or permeance coefficient.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "magsel/demag.hpp"

namespace magsel {

enum class SweepVariable { temperature, field, permeance };
std::string_view to_string(SweepVariable v);

/// The swept values' ends, in the swept quantity's type (both ends included).
template <class Q>
struct SweepRange {
    Q from;
    Q to;
};
/// Temperature, opposing field, or permeance coefficient (a plain number).
using SweepValues = std::variant<SweepRange<units::Temperature>, SweepRange<units::FieldStrength>, SweepRange<double>>;

struct SweepSpec {
    SweepValues values = SweepRange<units::Temperature>{units::celsius(20.0), units::celsius(100.0)};
    int steps = 10;     ///< number of values, both ends included (≥ 2)
    LoadLine load;      ///< the circuit when it is not the swept variable
    units::Temperature temperature = units::reference_temperature();  ///< when temperature is not swept
    Basis basis = Basis::minimum;
};

/// Which quantity `values` sweeps.
SweepVariable swept_variable(const SweepSpec& spec);

struct SweepRow {
    const Grade* grade = nullptr;
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

/// Where a temperature sweep's curves stop or start at a physical limit, one line per grade and
/// limit ("N42: the curve stops below its Curie temperature 310 °C (source)"); empty for other sweeps.
std::vector<std::string> sweep_limit_notes(const std::vector<const Grade*>& grades, const SweepSpec& spec);

}  // namespace magsel
