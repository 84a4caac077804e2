#include "magsel/geometry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <string>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"

namespace magsel {
namespace {

constexpr double pi = units::pi;

// ---- adaptive Gauss–Legendre quadrature ------------------------------------------------------

// 8-point Gauss–Legendre nodes and weights on [−1, 1] (Abramowitz & Stegun, Table 25.4).
constexpr std::array<double, 4> gl_x{0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
constexpr std::array<double, 4> gl_w{0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

double gauss8(const std::function<double(double)>& f, double a, double b) {
    const double m = 0.5 * (a + b), h = 0.5 * (b - a);
    double s = 0.0;
    for (std::size_t i = 0; i < gl_x.size(); ++i) s += gl_w[i] * (f(m - h * gl_x[i]) + f(m + h * gl_x[i]));
    return s * h;
}

/// ∫_a^b f, bisecting until one 8-point rule and the sum over the two halves agree to `tol`
/// (absolute). The integrands here are smooth inside each piece; square-root edges and the
/// narrow peak of a thin magnet's kernel only need more bisections.
double integrate(const std::function<double(double)>& f, double a, double b, double tol, int depth = 0) {
    const double whole = gauss8(f, a, b);
    const double m = 0.5 * (a + b);
    const double halves = gauss8(f, a, m) + gauss8(f, m, b);
    if (std::abs(whole - halves) <= tol || depth >= 40) return halves;
    return integrate(f, a, m, 0.5 * tol, depth + 1) + integrate(f, m, b, 0.5 * tol, depth + 1);
}

/// ∫ over consecutive pieces [points[i], points[i+1]].
double integrate_pieces(const std::function<double(double)>& f, std::vector<double> points, double tol) {
    std::sort(points.begin(), points.end());
    double s = 0.0;
    for (std::size_t i = 0; i + 1 < points.size(); ++i)
        if (points[i + 1] > points[i]) s += integrate(f, points[i], points[i + 1], tol / static_cast<double>(points.size()));
    return s;
}

// ---- autocorrelation of the cross-sections ---------------------------------------------------

/// Area of the overlap of two disks of radii r1, r2 whose centres are d apart (the lens).
double lens_area(double d, double r1, double r2) {
    if (d >= r1 + r2) return 0.0;
    if (d <= std::abs(r1 - r2)) return pi * std::min(r1, r2) * std::min(r1, r2);
    const double c1 = std::clamp((d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1), -1.0, 1.0);
    const double c2 = std::clamp((d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2), -1.0, 1.0);
    const double k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2);
    return r1 * r1 * std::acos(c1) + r2 * r2 * std::acos(c2) - 0.5 * std::sqrt(std::max(k, 0.0));
}

/// Overlap area of an annulus (outer radius ro, inner ri; ri = 0: a disk) with itself shifted by d.
double annulus_overlap(double d, double ro, double ri) {
    if (ri <= 0.0) return lens_area(d, ro, ro);
    return lens_area(d, ro, ro) - 2.0 * lens_area(d, ro, ri) + lens_area(d, ri, ri);
}

/// N_f and N_m of a round magnet (disk or annulus cross-section), length L along the axis.
///   N_f = (1/S) ∫_0^{2ro} c/(ρ² + c²)^{3/2} · A(ρ) · ρ dρ,            c = L/2
///   N_m = (1/(S·L)) ∫_0^{2ro} (1 − ρ/√(ρ² + L²)) · A(ρ) dρ
/// (the field of the two pole faces, averaged over the mid-plane, or over every plane).
DemagnetizingFactors round_factors(double length, double ro, double ri) {
    const double area = pi * (ro * ro - ri * ri);
    const double c = 0.5 * length;
    std::vector<double> points{0.0, 2.0 * ro};
    if (ri > 0.0) points.insert(points.end(), {ro - ri, 2.0 * ri, ro + ri});
    // the thin magnet's mid-plane kernel is a peak of width c at ρ = 0: give it its own pieces
    for (double k : {1.0, 4.0, 16.0, 64.0})
        if (k * c < 2.0 * ro) points.push_back(k * c);
    const auto flux = integrate_pieces(
        [&](double rho) { return c / std::pow(rho * rho + c * c, 1.5) * annulus_overlap(rho, ro, ri) * rho; }, points,
        1e-13 * area);
    const auto volume = integrate_pieces(
        [&](double rho) { return (1.0 - rho / std::hypot(rho, length)) * annulus_overlap(rho, ro, ri); }, points,
        1e-13 * area * length);
    return {flux / area, volume / (area * length)};
}

/// N_f of a rectangular block: cross-section W × H, length L along the magnetization.
///   N_f = (2/(π·S)) ∫_0^W (W − u) F(u) du,  S = W·H,
///   F(u) = ∫_0^H c·(H − v)/(u² + v² + c²)^{3/2} dv = c·H²/(s²·R) − c/s + c/R,
///   s² = u² + c², R² = s² + H², c = L/2
/// (the same pole-face average with the rectangle's autocorrelation (W − |u|)(H − |v|), one
/// quadrant of four).
double block_fluxmetric(double length, double width, double height) {
    const double c = 0.5 * length, w = height;
    const auto f = [&](double u) {
        const double s2 = u * u + c * c, s = std::sqrt(s2), r = std::sqrt(s2 + w * w);
        return (width - u) * (c * w * w / (s2 * r) - c / s + c / r);
    };
    std::vector<double> points{0.0, width};
    for (double k : {1.0, 4.0, 16.0, 64.0})
        if (k * c < width) points.push_back(k * c);
    const double area = width * height;
    return 2.0 / (pi * area) * integrate_pieces(f, points, 1e-13 * area);
}

void check_size(double v, const char* what) {
    if (!(v > 0.0) || !std::isfinite(v))
        throw UsageError(fmt::format("the magnet's {} must be a positive length, not {:g} m", what, v));
}

void check_ratio(double r, const char* what) {
    if (r < 1e-3 || r > 1e3)
        throw UsageError(fmt::format("the magnet's {} is {:g}: magsel computes shapes with ratios from 0.001 to 1000", what, r));
}

}  // namespace

double aharoni_prism_factor(double along, double x, double y) {
    // Aharoni's half-edges: 2a × 2b × 2c, the factor along c.
    const double a = 0.5 * x, b = 0.5 * y, c = 0.5 * along;
    const double r = std::sqrt(a * a + b * b + c * c);
    const double rab = std::hypot(a, b), rbc = std::hypot(b, c), rac = std::hypot(a, c);
    const double abc = a * b * c;
    const double s = (b * b - c * c) / (2.0 * b * c) * std::log((r - a) / (r + a)) +
                     (a * a - c * c) / (2.0 * a * c) * std::log((r - b) / (r + b)) +
                     b / (2.0 * c) * std::log((rab + a) / (rab - a)) + a / (2.0 * c) * std::log((rab + b) / (rab - b)) +
                     c / (2.0 * a) * std::log((rbc - b) / (rbc + b)) + c / (2.0 * b) * std::log((rac - a) / (rac + a)) +
                     2.0 * std::atan(a * b / (c * r)) + (a * a * a + b * b * b - 2.0 * c * c * c) / (3.0 * abc) +
                     (a * a + b * b - 2.0 * c * c) / (3.0 * abc) * r + c / (a * b) * (rac + rbc) -
                     (rab * rab * rab + rbc * rbc * rbc + rac * rac * rac) / (3.0 * abc);
    return s / pi;
}

DemagnetizingFactors demagnetizing_factors(const MagnetShape& shape) {
    if (const auto* c = std::get_if<Cylinder>(&shape)) {
        check_size(c->length.value(), "length");
        check_size(c->diameter.value(), "diameter");
        check_ratio(c->length.value() / c->diameter.value(), "length/diameter ratio");
        return round_factors(c->length.value(), 0.5 * c->diameter.value(), 0.0);
    }
    if (const auto* r = std::get_if<Ring>(&shape)) {
        check_size(r->length.value(), "length");
        check_size(r->outer_diameter.value(), "outer diameter");
        if (!(r->inner_diameter.value() >= 0.0) || !(r->inner_diameter < r->outer_diameter))
            throw UsageError("a ring's inner diameter must be at least 0 and below its outer diameter");
        check_ratio(r->length.value() / r->outer_diameter.value(), "length/outer-diameter ratio");
        const double wall = 0.5 * (r->outer_diameter.value() - r->inner_diameter.value());
        check_ratio(wall / r->outer_diameter.value(), "wall/outer-diameter ratio");
        return round_factors(r->length.value(), 0.5 * r->outer_diameter.value(), 0.5 * r->inner_diameter.value());
    }
    const auto& b = std::get<Block>(shape);
    check_size(b.length.value(), "length");
    check_size(b.width.value(), "width");
    check_size(b.height.value(), "height");
    check_ratio(b.length.value() / b.width.value(), "length/width ratio");
    check_ratio(b.length.value() / b.height.value(), "length/height ratio");
    return {block_fluxmetric(b.length.value(), b.width.value(), b.height.value()),
            aharoni_prism_factor(b.length.value(), b.width.value(), b.height.value())};
}

double permeance_from_factor(double n) {
    if (!(n > 0.0 && n < 1.0)) throw UsageError(fmt::format("a demagnetizing factor lies in (0, 1), not {:g}", n));
    return (1.0 - n) / n;
}

double permeance_coefficient(const MagnetShape& shape) {
    return permeance_from_factor(demagnetizing_factors(shape).fluxmetric);
}

Cylinder cylinder_with_ratio(double ld) {
    if (!(ld > 0.0) || !std::isfinite(ld)) throw UsageError(fmt::format("a cylinder's length/diameter ratio must be a positive number, not {:g}", ld));
    return Cylinder{ld * units::metre, 1.0 * units::metre};
}

MagnetShape parse_shape(std::string_view text) {
    const auto colon = text.find(':');
    const auto kind = std::string(text.substr(0, colon));
    const char* forms = "cylinder:L=10mm,D=10mm, ring:L=5mm,OD=20mm,ID=10mm or block:L=5mm,W=20mm,H=10mm "
                        "(L along the magnetization)";
    if (colon == std::string_view::npos)
        throw UsageError(fmt::format("`{}`: a shape is {}", text, forms));
    std::map<std::string, double> sizes;
    std::string_view rest = text.substr(colon + 1);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const auto item = rest.substr(0, comma);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw UsageError(fmt::format("`{}`: `{}` is not KEY=SIZE; a shape is {}", text, item, forms));
        const auto key = std::string(item.substr(0, eq));
        if (sizes.count(key)) throw UsageError(fmt::format("`{}`: {} is given twice", text, key));
        sizes[key] = parse_quantity(item.substr(eq + 1), Dimension::length);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    auto take = [&](std::initializer_list<const char*> keys) {
        std::vector<double> out;
        for (const char* k : keys) {
            const auto it = sizes.find(k);
            if (it == sizes.end()) throw UsageError(fmt::format("`{}`: a {} needs {}; a shape is {}", text, kind, k, forms));
            out.push_back(it->second);
            sizes.erase(it);
        }
        if (!sizes.empty())
            throw UsageError(fmt::format("`{}`: a {} has no size `{}`; a shape is {}", text, kind, sizes.begin()->first, forms));
        return out;
    };
    if (kind == "cylinder") {
        const auto v = take({"L", "D"});
        return Cylinder{v[0] * units::metre, v[1] * units::metre};
    }
    if (kind == "ring") {
        const auto v = take({"L", "OD", "ID"});
        return Ring{v[0] * units::metre, v[1] * units::metre, v[2] * units::metre};
    }
    if (kind == "block") {
        const auto v = take({"L", "W", "H"});
        return Block{v[0] * units::metre, v[1] * units::metre, v[2] * units::metre};
    }
    throw UsageError(fmt::format("`{}`: unknown shape `{}`; a shape is {}", text, kind, forms));
}

std::string describe(const MagnetShape& shape) {
    auto mm = [](units::Length l) { return fmt::format("{:g} mm", l.value() * 1000.0); };
    if (const auto* c = std::get_if<Cylinder>(&shape))
        return fmt::format("cylinder L {}, D {} (L/D {:.3g})", mm(c->length), mm(c->diameter),
                           c->length.value() / c->diameter.value());
    if (const auto* r = std::get_if<Ring>(&shape))
        return fmt::format("ring L {}, OD {}, ID {}", mm(r->length), mm(r->outer_diameter), mm(r->inner_diameter));
    const auto& b = std::get<Block>(shape);
    return fmt::format("block L {} (magnetized), W {}, H {}", mm(b.length), mm(b.width), mm(b.height));
}

ShapePermeance shape_permeance(const MagnetShape& shape, std::string label) {
    const auto factors = demagnetizing_factors(shape);
    return ShapePermeance{shape, label.empty() ? describe(shape) : std::move(label), factors,
                          permeance_from_factor(factors.fluxmetric)};
}

}  // namespace magsel
