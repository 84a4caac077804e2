// magsel/select.hpp — evaluate grades against a requirement: every check with its numbers,
// the margins to failure of the grades that pass, and their ranking: the robust ones (margins at
// least the requirement's robustness target) first, then a weighted score of objectives measured
// in absolute terms (docs/choosing-a-grade.md, "How magsel ranks"), with the Pareto mark.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "magsel/catalogue.hpp"
#include "magsel/demag.hpp"
#include "magsel/economics.hpp"
#include "magsel/load_case.hpp"
#include "magsel/margins.hpp"
#include "magsel/requirement.hpp"

namespace magsel {

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
    std::optional<Onset> onset;                    ///< a failing physics check: where it first fails
    std::optional<Margins> margins;                ///< a passing grade (set by match and check): how far from failing

    /// The first failing check (for a rejected grade).
    const CheckResult* first_failure() const;
};

/// Evaluate one grade. With `stop_at_first_failure` (match), later checks are skipped once one
/// fails; `check` evaluates them all.
Evaluation evaluate(const Grade& grade, const Requirement& requirement, const PriceTable& prices,
                    const SupplyData& supply, bool stop_at_first_failure);

/// Sub-scores of the ranking objectives, each in [0, 1], higher is better, and each measured in
/// absolute terms so that a score does not depend on the other grades (docs/choosing-a-grade.md).
struct Objectives {
    double performance = 0.0;   ///< Br at the worst temperature / 1.5 T
    double demag_margin = 0.0;  ///< margins against twice the robustness target, saturating
    double cost = 0.0;          ///< 1 − log10(USD/kg)/3: 1 USD/kg → 1, 1000 USD/kg → 0; unknown → 0
    double supply_risk = 0.0;   ///< 1 − supply risk
};

/// Set ranking weights from text, "NAME=NUMBER,...": performance, demag_margin, cost,
/// supply_risk, each in [0, 100]; the others keep their values. UsageError (starting "weights")
/// for an unknown name, a value that is not a number or is out of range, or all four at 0.
void edit_weights(RankingWeights& weights, std::string_view text);

/// A candidate's sub-scores under a requirement (its margins must be set).
Objectives objectives(const Evaluation& evaluation, const Requirement& requirement);

/// Whether a passing grade's margins meet the requirement's robustness target.
bool meets_robustness(const Margins& margins, const Requirement& requirement);
/// "temperature margin 4.1 K is below the 10 K target; ..." (empty when the target is met).
std::string robustness_shortfall(const Margins& margins, const Requirement& requirement);
/// The margins of an evaluated grade that passes (check sets them on a design's grade).
Margins margins_of(const Evaluation& evaluation, const Requirement& requirement);

struct Candidate {
    Evaluation evaluation;
    int rank = 0;          ///< 1 = best
    double score = 0.0;    ///< 0…1: the weighted mean of the objectives
    Objectives objectives;
    bool robust = false;   ///< meets the robustness target: ranked above every candidate that does not
    bool pareto = false;   ///< on the Pareto front of the four objectives
};

/// What choosing a grade that meets a constraint (heavy-rare-earth-free, free of export-controlled
/// elements) costs against the #1 candidate.
struct Alternative {
    std::string constraint;           ///< "heavy_rare_earth_free" | "export_controlled_free"
    /// A qualifying candidate: its rank, Br at the worst temperature and cost against #1 (fractions).
    std::optional<int> rank;
    const Grade* grade = nullptr;     ///< the alternative (qualifying) or the closest (none qualifies)
    double remanence_change = 0.0;    ///< Br(worst)/Br(worst of #1) − 1
    std::optional<double> cost_change;  ///< cost/cost of #1 − 1
    bool robust = false;              ///< a qualifying alternative meets the robustness target
    std::string robustness_shortfall; ///< ... and if not, by how much
    /// None qualifies: the closest grade's first failing check, and what would make it pass.
    std::optional<CheckResult> failure;
    std::optional<units::TemperatureDifference> passing_shift;  ///< passes with every temperature shifted by this
    std::optional<double> passing_permeance;                    ///< passes at this Pc or above
};

struct MatchResult {
    std::vector<Candidate> candidates;   ///< passing grades, best first
    std::vector<Evaluation> rejected;    ///< in catalogue order, each with its first failing check
    /// Empty when there is no candidate, or #1 already meets the constraint.
    std::optional<Alternative> hre_free_alternative;
    std::optional<Alternative> export_controlled_free_alternative;
};

MatchResult match(const Catalogue& catalogue, const Requirement& requirement, const PriceTable& prices,
                  const SupplyData& supply);

/// The grade a design file names (`grade:`): InputError at that line when it is unknown (with
/// the closest names), at the file's start when there is no `grade:`.
const Grade& design_grade(const Catalogue& catalogue, const Requirement& design);

/// Supply scenarios for `match --scenario`: the requirement as if a class of materials were not
/// to be had.
enum class SupplyScenario {
    none,
    no_export_controlled,  ///< no element under an in-force export control (adds export_controlled_free)
    no_heavy_rare_earth,   ///< no Dy, no Tb (adds heavy_rare_earth_free)
};
/// "no-export-controlled", "no-heavy-rare-earth"; UsageError for another name.
SupplyScenario supply_scenario_from_string(std::string_view name);
std::string_view to_string(SupplyScenario s);
/// The requirement under a scenario.
Requirement under_scenario(Requirement requirement, SupplyScenario scenario);

/// What a scenario changes: the #1 grade without and with it, and the scenario #1's Br at the
/// worst temperature and cost against the baseline #1.
struct ScenarioChange {
    SupplyScenario scenario = SupplyScenario::none;
    const Grade* baseline_top = nullptr;  ///< null: nothing qualifies without the scenario
    const Grade* top = nullptr;           ///< null: nothing qualifies under it
    std::optional<double> remanence_change;  ///< Br(worst)/baseline Br(worst) − 1
    std::optional<double> cost_change;       ///< cost/baseline cost − 1
    int lost_candidates = 0;                 ///< candidates of the baseline that no longer qualify
};
ScenarioChange scenario_change(const MatchResult& baseline, const MatchResult& under, SupplyScenario scenario);

}  // namespace magsel
