// The batch kernel (batch_kernel.hpp): one body (batch_kernel_lanes.inc), written with GCC's
// vector extensions, compiled three times, for AVX-512F (8 lanes), AVX2
// (4 lanes) and baseline x86-64 (SSE2, 2 lanes). Exponentials and logarithms come from glibc's
// libmvec (the vector-function ABI variants _ZGV{b,d,e}N{2,4,8}v_{exp,log,expm1,log1p}). Besides
// the working-point solve, the same lanes compute the temperature factors, the knee model's
// constants per curve and the outputs from h_w (batch_kernel.hpp).
// GCC takes the instruction set of a region from `#pragma GCC target`, clang (the fuzz build)
// from `#pragma clang attribute`.
//
// The arithmetic is the scalar path's, operation for operation and in the same order (this
// file is compiled with -ffp-contract=off: no fused multiply-adds, which the scalar path built
// for baseline x86-64 does not have either), so the lanes differ from working_point() only
// where libmvec's exp or log differs from the scalar one in the last bit (docs/api.md, "Batch").
#include "physics/batch_kernel.hpp"

#include <cstdint>

#include "magsel/units.hpp"

#if !defined(__x86_64__) || !defined(__GNUC__)
#error "the batch kernel is written for x86-64 with GCC's vector extensions"
#endif

typedef double v2d __attribute__((vector_size(16)));
typedef double v4d __attribute__((vector_size(32)));
typedef double v8d __attribute__((vector_size(64)));
typedef std::int64_t v2m __attribute__((vector_size(16)));
typedef std::int64_t v4m __attribute__((vector_size(32)));
typedef std::int64_t v8m __attribute__((vector_size(64)));

// libmvec (glibc ≥ 2.22): x86-64 vector-function ABI names; 'b' SSE2, 'd' AVX2, 'e' AVX-512.
extern "C" {
v2d _ZGVbN2v_exp(v2d);
v2d _ZGVbN2v_log(v2d);
v2d _ZGVbN2v_expm1(v2d);  // expm1 and log1p: glibc ≥ 2.35
v2d _ZGVbN2v_log1p(v2d);
__attribute__((target("avx2"))) v4d _ZGVdN4v_exp(v4d);
__attribute__((target("avx2"))) v4d _ZGVdN4v_log(v4d);
__attribute__((target("avx2"))) v4d _ZGVdN4v_expm1(v4d);
__attribute__((target("avx2"))) v4d _ZGVdN4v_log1p(v4d);
__attribute__((target("avx512f"))) v8d _ZGVeN8v_exp(v8d);
__attribute__((target("avx512f"))) v8d _ZGVeN8v_log(v8d);
__attribute__((target("avx512f"))) v8d _ZGVeN8v_expm1(v8d);
__attribute__((target("avx512f"))) v8d _ZGVeN8v_log1p(v8d);
}

namespace magsel::detail {
namespace {

constexpr double mu0 = units::mu0;

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f")
#endif
namespace avx512f {
constexpr int W = 8;
using D = v8d;
using M = v8m;
inline D vector_exp(D x) { return _ZGVeN8v_exp(x); }
inline D vector_log(D x) { return _ZGVeN8v_log(x); }
inline D vector_expm1(D x) { return _ZGVeN8v_expm1(x); }
inline D vector_log1p(D x) { return _ZGVeN8v_log1p(x); }
#include "physics/batch_kernel_lanes.inc"
}  // namespace avx512f
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
namespace avx2 {
constexpr int W = 4;
using D = v4d;
using M = v4m;
inline D vector_exp(D x) { return _ZGVdN4v_exp(x); }
inline D vector_log(D x) { return _ZGVdN4v_log(x); }
inline D vector_expm1(D x) { return _ZGVdN4v_expm1(x); }
inline D vector_log1p(D x) { return _ZGVdN4v_log1p(x); }
#include "physics/batch_kernel_lanes.inc"
}  // namespace avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace sse2 {
constexpr int W = 2;
using D = v2d;
using M = v2m;
inline D vector_exp(D x) { return _ZGVbN2v_exp(x); }
inline D vector_log(D x) { return _ZGVbN2v_log(x); }
inline D vector_expm1(D x) { return _ZGVbN2v_expm1(x); }
inline D vector_log1p(D x) { return _ZGVbN2v_log1p(x); }
#include "physics/batch_kernel_lanes.inc"
}  // namespace sse2

}  // namespace

void solve_working_fields(BatchIsa isa, const KneeLanes& lanes, std::size_t n) {
    switch (isa) {
        case BatchIsa::avx512f: avx512f::solve(lanes, n); return;
        case BatchIsa::avx2: avx2::solve(lanes, n); return;
        case BatchIsa::sse2: sse2::solve(lanes, n); return;
    }
}

void scale_by_temperature_factors(BatchIsa isa, const TemperatureFactorLanes& model, const double* kelvin,
                                  double* values, std::size_t n) {
    switch (isa) {
        case BatchIsa::avx512f: avx512f::scale_by_factors(model, kelvin, values, n); return;
        case BatchIsa::avx2: avx2::scale_by_factors(model, kelvin, values, n); return;
        case BatchIsa::sse2: sse2::scale_by_factors(model, kelvin, values, n); return;
    }
}

void working_point_outputs(BatchIsa isa, const OutputLanes& lanes, std::size_t n) {
    switch (isa) {
        case BatchIsa::avx512f: avx512f::outputs(lanes, n); return;
        case BatchIsa::avx2: avx2::outputs(lanes, n); return;
        case BatchIsa::sse2: sse2::outputs(lanes, n); return;
    }
}

void knee_constants_lanes(BatchIsa isa, const KneeConstantLanes& lanes, std::size_t n, double recoil_permeability,
                          const KneeShape& shape) {
    switch (isa) {
        case BatchIsa::avx512f: avx512f::constants(lanes, n, recoil_permeability, shape); return;
        case BatchIsa::avx2: avx2::constants(lanes, n, recoil_permeability, shape); return;
        case BatchIsa::sse2: sse2::constants(lanes, n, recoil_permeability, shape); return;
    }
}

KneeConstants knee_constants_of(const KneeConstantLanes& lanes, std::size_t i, double recoil_permeability,
                                const KneeShape& shape) {
    KneeConstants c;
    c.br = lanes.br[i];
    c.hcj = lanes.hcj[i];
    c.mu_rec = recoil_permeability < 1.0 ? 1.0 : (1.5 < recoil_permeability ? 1.5 : recoil_permeability);
    c.chi = lanes.chi[i];
    c.d_c = c.br - c.chi * c.hcj;
    c.s = lanes.s[i];
    c.knee_scale = lanes.knee_scale[i];
    c.knee_floor = lanes.knee_floor[i];
    c.hk_target = shape.squareness * c.hcj;
    c.knee_limited = lanes.knee_limited[i] != 0;
    return c;
}

}  // namespace magsel::detail
