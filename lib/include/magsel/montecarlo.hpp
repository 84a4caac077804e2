// magsel/montecarlo.hpp — tolerance analysis: how likely is a grade to exceed the loss limit
// of a requirement when its Br and Hcj, the magnet's temperature and the opposing field vary?
//
// Each sample draws the grade's 20 °C Br and Hcj inside their tolerance band (between the
// guaranteed minimum and the typical value), a temperature error and an opposing-field error,
// and evaluates the irreversible loss at the requirement's critical temperatures (both ends of
// the range and every temperature named in `opposing_field_at`, each moved by the same
// temperature error). The sample exceeds when the largest of those losses is above the limit.
// For the monotone materials of the catalogue (NdFeB and SmCo worst hot, ferrite worst cold)
// those temperatures are where the requirement's own grid has its worst point. The result is
// the same for the same seed whatever the thread count (docs/tolerance-analysis.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "magsel/grade.hpp"
#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/requirement.hpp"

namespace magsel {

/// How Br and Hcj are spread inside their tolerance band [min, typ].
enum class ToleranceDistribution {
    uniform,  ///< flat between min and typ
    normal,   ///< centred on typ with σ = (typ − min)/3, nothing below min (truncated)
};
std::string_view to_string(ToleranceDistribution d);
/// "uniform" / "normal"; UsageError otherwise.
ToleranceDistribution tolerance_distribution_from_string(std::string_view s);

struct MonteCarloSpec {
    std::size_t samples = 100'000;
    std::uint64_t seed = 1;
    unsigned threads = 0;  ///< 0: every core
    ToleranceDistribution distribution = ToleranceDistribution::uniform;
    /// The magnet runs this much hotter than the requirement says (a bias; may be negative).
    units::TemperatureDifference temperature_shift = 0.0 * units::kelvin;
    /// Standard deviation of the temperature error (normal).
    units::TemperatureDifference temperature_sd = 0.0 * units::kelvin;
    /// Standard deviation of the opposing field, relative to it (normal, held at ≥ 0) ...
    double field_relative_sd = 0.0;
    /// ... or in A/m. At most one of the two is non-zero.
    units::FieldStrength field_sd = 0.0 * units::ampere_per_metre;
};

struct MonteCarloResult {
    const Grade* grade = nullptr;
    std::size_t samples = 0;
    std::size_t exceedances = 0;    ///< samples whose loss is above the limit
    double probability = 0.0;       ///< exceedances / samples
    double ci_low = 0.0;            ///< 95 % Wilson score interval of the probability
    double ci_high = 0.0;
    double mean_loss = 0.0;         ///< mean of the samples' largest loss
    double max_loss = 0.0;
    double loss_limit = 0.0;
    std::vector<units::Temperature> critical_temperatures;  ///< before the temperature error
    std::vector<std::string> warnings;  ///< e.g. no typical Br: held at its minimum
};

/// The 95 % Wilson score interval of a binomial proportion k/n (E. B. Wilson, "Probable
/// inference, the law of succession, and statistical inference", JASA 22, 1927), returned as
/// {low, high}. Unlike p ± 1.96·√(p(1 − p)/n) it stays inside [0, 1] and is not empty at k = 0.
std::pair<double, double> wilson_interval(std::size_t k, std::size_t n);

/// Called now and then with the samples done so far and the total (from the calling thread).
using ProgressFunction = std::function<void(std::size_t done, std::size_t total)>;

/// Run the analysis. UsageError when the requirement has no demagnetization block, the
/// sample count is 0 or above 10⁹, or an uncertainty is negative or not finite.
MonteCarloResult run_montecarlo(const Grade& grade, const Requirement& requirement, const MonteCarloSpec& spec,
                                const ProgressFunction& progress = {});

/// The grades a requirement's Monte Carlo looks at when none is named: a design file's grade,
/// else the best `top` candidates of match(). Empty when nothing qualifies.
std::vector<const Grade*> montecarlo_grades(const Catalogue& catalogue, const Requirement& requirement, std::size_t top,
                                            const PriceTable& prices, const SupplyData& supply);

}  // namespace magsel
