// select/checks.hpp (private) — the checks of evaluate(): constraints without physics, then the
// physics over the requirement's load case. Each appends its CheckResult to the evaluation.
#pragma once

#include "magsel/select.hpp"

namespace magsel::detail {

/// Append `c`; false when evaluation should stop here (`stop` and the check failed).
bool record(Evaluation& e, CheckResult c, bool stop);
CheckResult pass_fail(Check c, bool passed, std::string message, double value = 0.0, double limit = 0.0,
                      std::string unit = "");

/// The constraints the requirement asks for (family, HRE-free, export-control-free, Dy+Tb,
/// excluded elements, recycled content, rated temperature, cost), in match's order. False: stopped.
bool constraint_checks(const Grade& g, const Requirement& r, Evaluation& e, bool stop);
/// Br, open-circuit B and irreversible loss over the load case; sets the evaluation's figures,
/// flags, the worst point and, for a failure, the onset.
void physics_checks(const Grade& g, const Requirement& r, Evaluation& e, bool stop);

}  // namespace magsel::detail
