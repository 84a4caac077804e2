// magsel/select.hpp — evaluate grades against a requirement: every check with its numbers,
// and the ranking of the grades that pass (weighted score over normalized objectives, Pareto).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "magsel/catalogue.hpp"
#include "magsel/demag.hpp"
#include "magsel/economics.hpp"
#include "magsel/requirement.hpp"

namespace magsel {

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
};
/// "family", "max_dy_tb", ... as in docs/requirement-file-format.md.
std::string_view to_string(Check c);

struct CheckResult {
    Check check;
    bool passed = false;
    std::string message;  ///< a sentence with the numbers, for people
    double value = 0.0;   ///< the grade's figure, in `unit`
    double limit = 0.0;   ///< the requirement's figure, in `unit`
    std::string unit;     ///< "T", "kA/m", "%", "USD/kg", "degC", or "" for yes/no checks
};

/// A grade against a requirement.
struct Evaluation {
    const Grade* grade = nullptr;
    std::vector<CheckResult> checks;  ///< in check order; match stops at the first failure
    bool passes = true;

    // Figures over the temperature range (set once the physics checks ran)
    units::Temperature worst_temperature;          ///< worst demagnetization point (or lowest Br without one)
    units::FluxDensity remanence_at_worst;         ///< lowest Br(T) over the range [T]
    units::Temperature remanence_worst_temperature;
    std::optional<WorkingPoint> worst_point;       ///< with a demagnetization block
    double knee_margin_relative = 0.0;             ///< (Hk − h_w)/Hk at the worst point
    std::optional<CostBreakdown> cost;
    std::optional<units::Money> part_cost;
    SupplyExposure exposure;
    std::vector<std::string> flags;                ///< e.g. "Dy+Tb estimated", "extrapolated", "above rating"

    /// The first failing check (for a rejected grade).
    const CheckResult* first_failure() const;
};

/// Evaluate one grade. With `stop_at_first_failure` (match), later checks are skipped once one
/// fails; `check` evaluates them all.
Evaluation evaluate(const Grade& grade, const Requirement& requirement, const PriceTable& prices,
                    const SupplyData& supply, bool stop_at_first_failure);

struct Candidate {
    Evaluation evaluation;
    int rank = 0;          ///< 1 = best
    double score = 0.0;    ///< 0…1
    bool pareto = false;   ///< on the Pareto front of the four objectives
};

struct MatchResult {
    std::vector<Candidate> candidates;   ///< passing grades, best first
    std::vector<Evaluation> rejected;    ///< in catalogue order, each with its first failing check
};

MatchResult match(const Catalogue& catalogue, const Requirement& requirement, const PriceTable& prices,
                  const SupplyData& supply);

/// "performance=1,cost=2" edits of the weights; UsageError when malformed.
void apply_weights(RankingWeights& weights, std::string_view text);

}  // namespace magsel
