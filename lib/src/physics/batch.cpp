// The batch working-point API (magsel/batch.hpp). Model curves go through the SIMD kernel
// (batch_kernel.hpp) in chunks: each point's temperature, 20 °C Br and Hcj and load are laid out
// as structures of arrays; the temperature factors follow in loops over the chunk, the curve
// constants (knee_model.hpp) and h_w in SIMD lanes, and the rest (B, J, knee margin, loss) as in
// working_point(). Measured curves take the scalar path.
#include "magsel/batch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "physics/batch_kernel.hpp"
#include "physics/knee_model.hpp"
#include "physics/temperature_model.hpp"

namespace magsel {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

/// n from the inputs' lengths: each is n or 1 (optional ones may be 0).
std::size_t point_count(const WorkingPointInputs& in) {
    std::size_t n = 1;
    for (auto s : {in.temperature_K, in.permeance_coefficient, in.opposing_field_A_m, in.remanence_20_T,
                   in.intrinsic_coercivity_20_A_m})
        if (s.size() > 1) n = s.size();
    return n;
}

void check_length(std::size_t size, std::size_t n, bool optional, const char* what) {
    if (size == n || size == 1 || (optional && size == 0)) return;
    throw UsageError(fmt::format("{} has {} values; expected {} (one per point){}", what, size, n,
                                 optional ? ", 1 or none" : " or 1"));
}

double at(std::span<const double> s, std::size_t i) { return s.size() == 1 ? s[0] : s[i]; }

/// Values [first, first + count) of a broadcast input into dst (`fallback` for an absent one).
void gather(std::span<const double> s, std::size_t first, std::size_t count, double fallback, double* dst) {
    if (s.size() > 1) std::copy_n(s.begin() + static_cast<std::ptrdiff_t>(first), count, dst);
    else std::fill_n(dst, count, s.empty() ? fallback : s[0]);
}

/// Where a grade's answers hold (envelope.hpp's contains(), is_extrapolated() in thermal.cpp) [K].
struct TemperatureBounds {
    double envelope_low, envelope_high;  ///< inside: !(T < low) && T < high
    double data_low, data_high;          ///< extrapolated: T < low || T > high
};

void store(const WorkingPointOutputs& out, std::size_t i, const WorkingPoint& w, PointStatus status) {
    if (!out.working_field_A_m.empty()) out.working_field_A_m[i] = w.working_field.value();
    if (!out.flux_density_T.empty()) out.flux_density_T[i] = w.flux_density.value();
    if (!out.polarization_T.empty()) out.polarization_T[i] = w.polarization.value();
    if (!out.knee_margin_A_m.empty()) out.knee_margin_A_m[i] = w.knee_margin.value();
    if (!out.irreversible_loss.empty()) out.irreversible_loss[i] = w.irreversible_loss;
    if (!out.status.empty()) out.status[i] = status;
}

void store_outside(const WorkingPointOutputs& out, std::size_t i) {
    for (auto s : {out.working_field_A_m, out.flux_density_T, out.polarization_T, out.knee_margin_A_m,
                   out.irreversible_loss})
        if (!s.empty()) s[i] = nan;
    if (!out.status.empty()) out.status[i] = PointStatus::outside_envelope;
}

void check_outputs(const WorkingPointOutputs& out, std::size_t n) {
    auto check = [n](std::size_t size, const char* what) {
        if (size != 0 && size != n)
            throw UsageError(fmt::format("the output {} has room for {} values; expected {} or none", what, size, n));
    };
    check(out.working_field_A_m.size(), "working field");
    check(out.flux_density_T.size(), "flux density");
    check(out.polarization_T.size(), "polarization");
    check(out.knee_margin_A_m.size(), "knee margin");
    check(out.irreversible_loss.size(), "irreversible loss");
    check(out.status.size(), "status");
}

LoadLine load_at(std::span<const double> pc, std::span<const double> ha, std::size_t i) {
    const double p = at(pc, i), h = at(ha, i);
    if (!(p > 0.0) || !std::isfinite(p))
        throw UsageError(fmt::format("point {}: the permeance coefficient must be a positive number, not {:g}", i, p));
    if (!(h >= 0.0) || !std::isfinite(h))
        throw UsageError(fmt::format("point {}: the opposing field must be zero or positive, not {:g} A/m", i, h));
    return LoadLine{p, h * units::ampere_per_metre};
}

/// Points on model curves waiting for the kernel: at most `capacity` points as structures of
/// arrays (temperature, 20 °C Br and Hcj, load), each with where its results go. A flush
/// computes the chunk's temperature factors, each point's curve constants (in lanes:
/// detail::knee_constants_lanes) and working field (detail::solve_working_fields), then the rest.
class KernelChunk {
public:
    static constexpr std::size_t capacity = 256;  // a multiple of detail::kernel_lanes

    KernelChunk(const WorkingPointOutputs& out, BatchIsa isa, const Grade& grade, const detail::KneeShape& shape)
        : out_(out), isa_(isa), grade_(grade), shape_(shape), remanence_model_(lanes_of(grade.remanence_model)),
          coercivity_model_(lanes_of(grade.coercivity_model)) {}

    /// Points [first, first + count) all at once into an empty chunk (count ≤ capacity), when
    /// every one is valid and inside the envelope; false (and nothing added) otherwise.
    bool add_range(const WorkingPointInputs& in, std::size_t first, std::size_t count, double br20, double hcj20,
                   const TemperatureBounds& bounds, BatchSummary& summary) {
        gather(in.temperature_K, first, count, 0.0, kelvin_);
        gather(in.permeance_coefficient, first, count, 0.0, pc_);
        gather(in.opposing_field_A_m, first, count, 0.0, ha_);
        bool fits = true;
        std::size_t extrapolated = 0;
        for (std::size_t k = 0; k < count; ++k) {
            const double t = kelvin_[k], p = pc_[k], h = ha_[k];
            fits &= t > 0.0 && t < inf && p > 0.0 && p < inf && h >= 0.0 && h < inf && !(t < bounds.envelope_low) &&
                    t < bounds.envelope_high;
            const bool e = t < bounds.data_low || t > bounds.data_high;
            extrapolated += e;
            status_[k] = e ? PointStatus::extrapolated : PointStatus::ok;
            index_[k] = first + k;
        }
        if (!fits) return false;
        gather(in.remanence_20_T, first, count, br20, br_);
        gather(in.intrinsic_coercivity_20_A_m, first, count, hcj20, hcj_);
        summary.extrapolated += extrapolated;
        size_ = count;
        flush();
        return true;
    }

    void add(std::size_t index, double kelvin, double br20, double hcj20, double pc, double ha, PointStatus status) {
        const std::size_t k = size_++;
        kelvin_[k] = kelvin, br_[k] = br20, hcj_[k] = hcj20, pc_[k] = pc, ha_[k] = ha;
        index_[k] = index;
        status_[k] = status;
        if (size_ == capacity) flush();
    }

    /// Solve what is waiting and write the results.
    void flush() {
        if (size_ == 0) return;
        const std::size_t n = size_;
        // pad to whole vectors with copies of the last point (their results are dropped)
        const std::size_t padded = (n + detail::kernel_lanes - 1) / detail::kernel_lanes * detail::kernel_lanes;
        for (std::size_t k = n; k < padded; ++k)
            kelvin_[k] = kelvin_[n - 1], br_[k] = br_[n - 1], hcj_[k] = hcj_[n - 1], pc_[k] = pc_[n - 1],
            ha_[k] = ha_[n - 1];
        // Br(T) and Hcj(T) as curve_at computes them: the 20 °C value times the model's factor
        detail::scale_by_temperature_factors(isa_, remanence_model_, kelvin_, br_, padded);
        detail::scale_by_temperature_factors(isa_, coercivity_model_, kelvin_, hcj_, padded);
        const double mu_rec = grade_.recoil_permeability.value;
        const detail::KneeConstantLanes constants{br_, hcj_, chi_, s_, scale_, floor_, limited_};
        detail::knee_constants_lanes(isa_, constants, padded, mu_rec, shape_);
        detail::solve_working_fields(isa_, {br_, hcj_, chi_, s_, scale_, floor_, pc_, ha_, h_}, padded);
        // Hk only when the knee margin is wanted (a root solve where the knee is limited), once
        // per run of equal curves
        if (out_.knee_margin_A_m.empty()) {
            std::fill_n(hk_, padded, nan);
        } else {
            for (std::size_t k = 0; k < n; ++k) {
                if (k > 0 && br_[k] == br_[k - 1] && hcj_[k] == hcj_[k - 1]) {
                    hk_[k] = hk_[k - 1];
                    continue;
                }
                hk_[k] = detail::knee_field(detail::knee_constants_of(constants, k, mu_rec, shape_));
            }
            std::fill(hk_ + n, hk_ + padded, hk_[n - 1]);
        }
        // the rest as working_point() computes it from h_w (demag.cpp), in lanes
        detail::working_point_outputs(isa_, {h_, pc_, ha_, br_, chi_, hk_, b_, j_, km_, loss_}, padded);
        auto scatter = [&](std::span<double> to, const double* from) {
            if (!to.empty())
                for (std::size_t k = 0; k < n; ++k) to[index_[k]] = from[k];
        };
        scatter(out_.working_field_A_m, h_);
        scatter(out_.flux_density_T, b_);
        scatter(out_.polarization_T, j_);
        scatter(out_.knee_margin_A_m, km_);
        scatter(out_.irreversible_loss, loss_);
        if (!out_.status.empty())
            for (std::size_t k = 0; k < n; ++k) out_.status[index_[k]] = status_[k];
        size_ = 0;
    }

private:
    static detail::TemperatureFactorLanes lanes_of(const RelativeTemperatureModel& model) {
        const auto e = detail::model_edges(model);
        return {model.coefficients.data(), model.coefficients.size(), e.reference_kelvin, e.low, e.high,
                e.value_low, e.slope_low, e.value_high, e.slope_high, e.minimum};
    }

    const WorkingPointOutputs& out_;
    BatchIsa isa_;
    const Grade& grade_;
    detail::KneeShape shape_;
    detail::TemperatureFactorLanes remanence_model_, coercivity_model_;
    std::size_t size_ = 0;
    alignas(64) double kelvin_[capacity], br_[capacity], hcj_[capacity], chi_[capacity],
        s_[capacity], scale_[capacity], floor_[capacity], pc_[capacity], ha_[capacity], h_[capacity], hk_[capacity],
        b_[capacity], j_[capacity], km_[capacity], loss_[capacity];
    alignas(64) std::int64_t limited_[capacity];
    std::size_t index_[capacity];
    PointStatus status_[capacity];
};

/// The widest instruction set the CPU and OS run (libgcc's checks include the OS's XSAVE state).
BatchIsa detect_isa() {
    __builtin_cpu_init();
    BatchIsa isa = BatchIsa::sse2;
    if (__builtin_cpu_supports("avx2")) isa = BatchIsa::avx2;
    if (__builtin_cpu_supports("avx512f")) isa = BatchIsa::avx512f;
    if (const char* asked = std::getenv("MAGSEL_BATCH_ISA")) {
        const std::string_view a(asked);
        for (auto narrower : {BatchIsa::sse2, BatchIsa::avx2, BatchIsa::avx512f})
            if (a == to_string(narrower) && narrower < isa) isa = narrower;
    }
    return isa;
}

}  // namespace

BatchIsa batch_isa() {
    static const BatchIsa isa = detect_isa();
    return isa;
}

std::string_view to_string(BatchIsa isa) {
    switch (isa) {
        case BatchIsa::sse2: return "sse2";
        case BatchIsa::avx2: return "avx2";
        case BatchIsa::avx512f: return "avx512f";
    }
    return "?";
}

BatchSummary working_points(const Grade& grade, const WorkingPointInputs& in, const WorkingPointOutputs& out,
                            Basis basis) {
    const std::size_t n = point_count(in);
    check_length(in.temperature_K.size(), n, false, "the temperature array");
    check_length(in.permeance_coefficient.size(), n, false, "the permeance-coefficient array");
    check_length(in.opposing_field_A_m.size(), n, false, "the opposing-field array");
    check_length(in.remanence_20_T.size(), n, true, "the 20 °C remanence array");
    check_length(in.intrinsic_coercivity_20_A_m.size(), n, true, "the 20 °C intrinsic-coercivity array");
    check_outputs(out, n);
    const bool overridden = !in.remanence_20_T.empty() || !in.intrinsic_coercivity_20_A_m.empty();
    const auto envelope = temperature_envelope(grade);
    const auto rated = rated_anchors(grade, basis);
    BatchSummary summary;
    summary.points = n;
    // The validity envelope and the temperature data's range as bounds: two comparisons each per point.
    TemperatureBounds bounds;
    bounds.envelope_low = envelope.low ? envelope.low->value() : -inf;
    bounds.envelope_high = envelope.high ? envelope.high->value() : inf;
    bounds.data_low = std::max(grade.remanence_model.low.value(), grade.coercivity_model.low.value());
    bounds.data_high = std::min(grade.remanence_model.high.value(), grade.coercivity_model.high.value());
    // One temperature for every point on the rated values (a load study at one temperature, as
    // from Python with a scalar temperature): one curve serves them all, and the one-curve
    // kernel skips the per-point curve constants.
    if (in.temperature_K.size() == 1 && !overridden && n > 1) {
        const double kelvin = in.temperature_K[0];
        const bool inside = kelvin > 0.0 && kelvin < inf && !(kelvin < bounds.envelope_low) && kelvin < bounds.envelope_high;
        if (inside) {
            working_points(curve_at(grade, units::kelvin_point(kelvin), basis), in.permeance_coefficient,
                           in.opposing_field_A_m, out);
            if (kelvin < bounds.data_low || kelvin > bounds.data_high) {
                summary.extrapolated = n;
                for (auto& s : out.status) s = PointStatus::extrapolated;
            }
            return summary;
        }
    }
    // Measured curves: looked up when the temperature changes (points in a row often share it).
    const bool may_be_measured = !overridden && !grade.measured_curves.empty();
    double last_kelvin = nan;
    const MeasuredCurve* measured = nullptr;
    std::optional<DemagCurve> measured_curve;
    auto chunk = std::make_unique<KernelChunk>(out, batch_isa(), grade, detail::knee_shape(grade.squareness.value));
    const bool broadcast_pc = in.permeance_coefficient.size() == 1, broadcast_ha = in.opposing_field_A_m.size() == 1;
    const double br20_rated = rated.remanence.value(), hcj20_rated = rated.intrinsic_coercivity.value();
    // A chunk at a time where every point is valid, inside the envelope and on the model;
    // point by point (below) for a chunk with any other point.
    for (std::size_t first = 0; first < n; first += KernelChunk::capacity) {
        const std::size_t count = std::min(KernelChunk::capacity, n - first);
        if (!may_be_measured && chunk->add_range(in, first, count, br20_rated, hcj20_rated, bounds, summary))
            continue;
        for (std::size_t i = first; i < first + count; ++i) {
            const double kelvin = at(in.temperature_K, i);
            if (!(kelvin > 0.0 && kelvin < inf))
                throw UsageError(fmt::format("point {}: the temperature must be above 0 K, not {:g} K", i, kelvin));
            const double pc = broadcast_pc ? in.permeance_coefficient[0] : in.permeance_coefficient[i];
            const double ha = broadcast_ha ? in.opposing_field_A_m[0] : in.opposing_field_A_m[i];
            if (!(pc > 0.0 && pc < inf && ha >= 0.0 && ha < inf))
                load_at(in.permeance_coefficient, in.opposing_field_A_m, i);  // throws, naming the point
            if (may_be_measured && kelvin != last_kelvin) {
                const auto t = units::kelvin_point(kelvin);
                last_kelvin = kelvin;
                measured = measured_curve_at(grade, t, basis);
                if (measured) measured_curve = curve_at(grade, t, basis);
            }
            const bool inside = !(kelvin < bounds.envelope_low) && kelvin < bounds.envelope_high;
            const bool extrapolated = kelvin < bounds.data_low || kelvin > bounds.data_high;
            if (!inside) {
                store_outside(out, i);
                ++summary.outside_envelope;
                continue;
            }
            summary.extrapolated += extrapolated;
            const auto status = extrapolated ? PointStatus::extrapolated : PointStatus::ok;
            if (measured) {
                const auto load = load_at(in.permeance_coefficient, in.opposing_field_A_m, i);
                store(out, i, working_point(*measured_curve, load), status);
                continue;
            }
            const double br20 = in.remanence_20_T.empty() ? br20_rated : at(in.remanence_20_T, i);
            const double hcj20 =
                in.intrinsic_coercivity_20_A_m.empty() ? hcj20_rated : at(in.intrinsic_coercivity_20_A_m, i);
            chunk->add(i, kelvin, br20, hcj20, pc, ha, status);
        }
        chunk->flush();  // before the next chunk's points: add_range needs an empty chunk
    }
    return summary;
}

void working_points(const DemagCurve& curve, std::span<const double> permeance_coefficient,
                    std::span<const double> opposing_field_A_m, const WorkingPointOutputs& out) {
    const std::size_t n = std::max(permeance_coefficient.size(), opposing_field_A_m.size());
    check_length(permeance_coefficient.size(), n, false, "the permeance-coefficient array");
    check_length(opposing_field_A_m.size(), n, false, "the opposing-field array");
    check_outputs(out, n);
    if (curve.measured()) {
        for (std::size_t i = 0; i < n; ++i)
            store(out, i, working_point(curve, load_at(permeance_coefficient, opposing_field_A_m, i)), PointStatus::ok);
        return;
    }
    // One curve: its constants fill the kernel's lanes once; each chunk of loads then needs
    // only Pc and Ha, and its results go straight to their places.
    constexpr std::size_t capacity = KernelChunk::capacity;
    struct Lanes {
        alignas(64) double br[capacity], hcj[capacity], chi[capacity], s[capacity], scale[capacity],
            floor[capacity], pc[capacity], ha[capacity], h[capacity], knee_field[capacity], b[capacity],
            j[capacity], km[capacity], loss[capacity];
    };
    auto lanes = std::make_unique<Lanes>();
    std::fill_n(lanes->br, capacity, curve.remanence().value());
    std::fill_n(lanes->hcj, capacity, curve.intrinsic_coercivity().value());
    std::fill_n(lanes->chi, capacity, curve.recoil_slope_si());
    std::fill_n(lanes->s, capacity, curve.knee_sharpness_si());
    std::fill_n(lanes->scale, capacity, curve.knee_scale_si());
    std::fill_n(lanes->floor, capacity, curve.knee_floor());
    std::fill_n(lanes->knee_field, capacity, curve.knee_field().value());
    const BatchIsa isa = batch_isa();
    for (std::size_t first = 0; first < n; first += capacity) {
        const std::size_t count = std::min(capacity, n - first);
        gather(permeance_coefficient, first, count, 0.0, lanes->pc);
        gather(opposing_field_A_m, first, count, 0.0, lanes->ha);
        bool valid = true;
        for (std::size_t k = 0; k < count; ++k) {
            const double p = lanes->pc[k], h = lanes->ha[k];
            valid &= (p > 0.0) & (p < inf) & (h >= 0.0) & (h < inf);
        }
        if (!valid)  // name the first bad point
            for (std::size_t k = 0; k < count; ++k) load_at(permeance_coefficient, opposing_field_A_m, first + k);
        const std::size_t padded = (count + detail::kernel_lanes - 1) / detail::kernel_lanes * detail::kernel_lanes;
        for (std::size_t k = count; k < padded; ++k) lanes->pc[k] = lanes->pc[count - 1], lanes->ha[k] = lanes->ha[count - 1];
        // A whole chunk's results go straight to the wanted outputs; a partial one's through
        // the lanes' own arrays.
        const bool whole = count == padded;
        auto target = [&](std::span<double> to, double* own) {
            return whole && !to.empty() ? to.data() + first : own;
        };
        double* h = target(out.working_field_A_m, lanes->h);
        double* b = target(out.flux_density_T, lanes->b);
        double* j = target(out.polarization_T, lanes->j);
        double* km = target(out.knee_margin_A_m, lanes->km);
        double* loss = target(out.irreversible_loss, lanes->loss);
        detail::solve_working_fields(isa, {lanes->br, lanes->hcj, lanes->chi, lanes->s, lanes->scale, lanes->floor,
                                           lanes->pc, lanes->ha, h},
                                     padded);
        // the rest as working_point() computes it from h_w (demag.cpp), in lanes
        detail::working_point_outputs(isa, {h, lanes->pc, lanes->ha, lanes->br, lanes->chi, lanes->knee_field, b, j,
                                            km, loss},
                                      padded);
        if (!whole) {
            auto copy = [&](std::span<double> to, const double* from) {
                if (!to.empty()) std::copy_n(from, count, to.begin() + static_cast<std::ptrdiff_t>(first));
            };
            copy(out.working_field_A_m, h);
            copy(out.flux_density_T, b);
            copy(out.polarization_T, j);
            copy(out.knee_margin_A_m, km);
            copy(out.irreversible_loss, loss);
        }
        if (!out.status.empty()) std::fill_n(out.status.begin() + static_cast<std::ptrdiff_t>(first), count, PointStatus::ok);
    }
}

}  // namespace magsel
