// measured_curve_reader.hpp (private) — a grade file's `demagnetization_curves` entries.
#pragma once

#include <vector>

#include "magsel/grade.hpp"
#include "data/yaml_reader.hpp"

namespace magsel::detail {

/// Read every entry of `demagnetization_curves` (format: docs/grade-file-format.md) and check
/// it: at least 5 points; H with one sign (≤ 0 as plotted, or ≥ 0 magnitudes); |H| rising;
/// starting at H = 0 (or within 2 % of the span, then extrapolated to H = 0); J or B falling
/// (a rise of up to 0.005 T, digitizing noise, is flattened); Br plausible; no two curves at
/// the same temperature and basis. InputError at the offending point.
std::vector<MeasuredCurve> read_measured_curves(const YamlValue& list, const std::vector<Source>& sources);

}  // namespace magsel::detail
