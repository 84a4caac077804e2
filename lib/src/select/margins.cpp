#include "magsel/margins.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace magsel {
namespace {

/// The first x in (0, limit] at which `fails(x)` is true, to `tolerance`: steps first, doubling from
/// `first_step`, then bisection between the last passing and the first failing x. Returns the
/// last passing x (a lower bound of the margin), or nullopt when nothing fails up to `limit`.
std::optional<double> last_passing(const std::function<bool(double)>& fails, double first_step, double limit,
                                   double tolerance) {
    double pass = 0.0, step = first_step;
    double fail = -1.0;
    while (pass < limit) {
        const double x = std::min(pass + step, limit);
        if (fails(x)) {
            fail = x;
            break;
        }
        pass = x;
        step *= 2.0;
    }
    if (fail < 0.0) return std::nullopt;
    while (fail - pass > tolerance) {
        const double mid = 0.5 * (pass + fail);
        (fails(mid) ? fail : pass) = mid;
    }
    return pass;
}

bool field_everywhere(const LoadCase& load) {
    return std::all_of(load.points.begin(), load.points.end(), [](const LoadPoint& p) { return p.field_applies; });
}

}  // namespace

Margins margins(const Grade& g, const LoadCase& load, const WorkingPoint* worst, const MarginSearch& search) {
    Margins m;
    m.search = search;
    const double max_shift = search.max_shift.value();
    auto fails_at_shift = [&](double sign) {
        return [&, sign](double s) {
            return !passes_everywhere(g, load, LoadVariation{sign * s * units::kelvin, 1.0, std::nullopt});
        };
    };
    const auto hot = last_passing(fails_at_shift(+1.0), 1.0, max_shift, 0.05);
    const auto cold = last_passing(fails_at_shift(-1.0), 1.0, max_shift, 0.05);
    if (hot || cold) {
        const double h = hot.value_or(max_shift), c = cold.value_or(max_shift);
        m.limited_hot = h <= c;
        m.temperature = std::min(h, c) * units::kelvin;
    }
    m.has_field = load.permeance_coefficient && load.opposing_field.value() > 0.0 &&
                  std::any_of(load.points.begin(), load.points.end(), [](const LoadPoint& p) { return p.field_applies; });
    if (m.has_field) {
        auto fails = [&](double k) {
            return !passes_everywhere(g, load, LoadVariation{0.0 * units::kelvin, 1.0 + k, std::nullopt});
        };
        m.field = last_passing(fails, 0.05, search.max_field_scale - 1.0, 0.001);
    }
    if (worst) {
        m.knee_margin = worst->knee_margin;
        m.loss_headroom = load.max_irreversible_loss - worst->irreversible_loss;
    }
    return m;
}

std::optional<Onset> onset(const Grade& g, const LoadCase& load) {
    if (load.points.empty()) return std::nullopt;
    // the anchor: the point nearest 20 °C, where the rated values are given
    const double ref = units::reference_temperature().value();
    std::size_t anchor = 0;
    for (std::size_t i = 1; i < load.points.size(); ++i)
        if (std::abs(load.points[i].temperature.value() - ref) < std::abs(load.points[anchor].temperature.value() - ref))
            anchor = i;
    auto at_anchor = evaluate_point(g, load, load.points[anchor]);
    if (at_anchor.failed) return Onset{at_anchor.temperature, std::move(at_anchor), true};

    const bool continuous_field = field_everywhere(load);
    // From the last passing point `pass` toward the first failing point `fail`: where between them
    // (to 0.05 K) a check first fails, when the field acts in between too.
    auto refine = [&](std::size_t pass, std::size_t fail) {
        const auto& p = load.points[pass];
        const auto& f = load.points[fail];
        if (!continuous_field) return Onset{f.temperature, evaluate_point(g, load, f), false};
        double good = p.temperature.value(), bad = f.temperature.value();
        while (std::abs(bad - good) > 0.05) {
            const double mid = 0.5 * (good + bad);
            const bool failed = evaluate_point(g, load, LoadPoint{units::kelvin_point(mid), true}).failed.has_value();
            (failed ? bad : good) = mid;
        }
        const LoadPoint there{units::kelvin_point(bad), true};
        return Onset{there.temperature, evaluate_point(g, load, there), false};
    };
    std::optional<Onset> up, down;
    for (std::size_t i = anchor + 1; i < load.points.size(); ++i)
        if (evaluate_point(g, load, load.points[i]).failed) {
            up = refine(i - 1, i);
            break;
        }
    for (std::size_t i = anchor; i-- > 0;)
        if (evaluate_point(g, load, load.points[i]).failed) {
            down = refine(i + 1, i);
            break;
        }
    if (up && down)
        return std::abs(up->temperature.value() - ref) <= std::abs(down->temperature.value() - ref) ? up : down;
    return up ? up : down;
}

std::optional<units::TemperatureDifference> passing_shift(const Grade& g, const LoadCase& load,
                                                          const MarginSearch& search) {
    if (load.points.empty()) return std::nullopt;
    const double low = load.points.front().temperature.value(), high = load.points.back().temperature.value();
    const double max_shift = std::min(search.max_shift.value(), high - low);
    const bool field_everywhere_ = field_everywhere(load);
    // The range narrowed by s at its hot end (sign −1) or its cold end (sign +1): the points that
    // remain, and the new end itself.
    auto narrowed = [&](double sign, double s) {
        LoadCase c = load;
        const double end = sign < 0 ? high - s : low + s;
        c.points.clear();
        for (const auto& p : load.points)
            if (sign < 0 ? p.temperature.value() < end : p.temperature.value() > end) c.points.push_back(p);
        const LoadPoint at_end{units::kelvin_point(end), field_everywhere_};
        if (sign < 0) c.points.push_back(at_end);
        else c.points.insert(c.points.begin(), at_end);
        return c;
    };
    std::optional<double> best;
    for (const double sign : {-1.0, +1.0}) {
        // "fails" here means "passes": the first narrowing that makes the grade pass
        auto passes = [&](double s) { return passes_everywhere(g, narrowed(sign, s), LoadVariation{}); };
        const auto still_failing = last_passing(passes, 1.0, max_shift, 0.05);
        if (!still_failing) continue;
        const double s = sign * (*still_failing + 0.05);
        if (!best || std::abs(s) < std::abs(*best)) best = s;
    }
    if (!best) return std::nullopt;
    return *best * units::kelvin;
}

std::optional<double> passing_permeance(const Grade& g, const LoadCase& load) {
    if (!load.permeance_coefficient) return std::nullopt;
    const double pc0 = *load.permeance_coefficient;
    constexpr double pc_max = 100.0;
    if (pc0 >= pc_max) return std::nullopt;
    // in log Pc: the first factor on Pc at which every check passes, to 0.5 %
    auto passes = [&](double log_factor) {
        return passes_everywhere(g, load, LoadVariation{0.0 * units::kelvin, 1.0, pc0 * std::exp(log_factor)});
    };
    const auto still_failing = last_passing(passes, 0.05, std::log(pc_max / pc0), 0.005);
    if (!still_failing) return std::nullopt;
    return pc0 * std::exp(*still_failing + 0.005);
}

}  // namespace magsel
