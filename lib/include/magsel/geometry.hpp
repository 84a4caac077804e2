// magsel/geometry.hpp — the permeance coefficient of an isolated magnet from its shape.
//
// A magnet uniformly magnetized along its length L, alone in free space, has a demagnetizing
// field H = −N·M (χ = 0: the magnetization does not respond to its own field, the usual
// approximation for NdFeB, SmCo and ferrite with μrec ≈ 1.0–1.2). Then B = μ0·M·(1 − N) and
// the load line of docs/physics.md has
//     Pc = B/(μ0·|H|) = (1 − N)/N.
// Two averages of N are standard (D.-X. Chen, J. A. Brug, R. B. Goldfarb, "Demagnetizing
// factors for cylinders", IEEE Trans. Magn. 27 (1991) 3601):
//   - fluxmetric N_f: H averaged over the mid-plane cross-section (what a search coil round the
//     middle measures, and the convention of makers' Pc, e.g. L/D 0.7 ↔ Pc ≈ 2);
//   - magnetometric N_m: H averaged over the whole volume (the total moment).
// magsel's Pc uses N_f (docs/physics.md, "Permeance coefficient from the shape", says why);
// N_m is reported alongside. N_m ≥ N_f: the mid-plane is the least demagnetized section, and
// near the end faces' edges the local field is stronger than both averages.
//
// How they are computed (docs/physics.md): the demagnetizing field is that of the pole
// surfaces ±M on the two end faces. Averaged over the cross-section S, two parallel copies of
// S at distance c give  (1/(4π·|S|)) ∫ c/(ρ² + c²)^{3/2} A(ρ) d²ρ,  A(ρ) the autocorrelation
// (overlap area) of S. For a disk and an annulus A depends on |ρ| only and the average is a
// one-dimensional integral, done by adaptive Gauss–Legendre quadrature to 1e-12; for a
// rectangle the inner integral is done in closed form. The rectangular block's N_m is
// Aharoni's closed form (A. Aharoni, J. Appl. Phys. 83 (1998) 3432, eq. (1)).
//
// An isolated magnet is the worst case of a magnetic circuit without iron: a magnet in a motor
// or generator sits in a circuit with iron and air gaps, and its Pc must come from that circuit
// (FEA or a magnetic-circuit calculation), not from its shape alone.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "magsel/units.hpp"

namespace magsel {

/// A solid cylinder magnetized along its axis.
struct Cylinder {
    units::Length length;    ///< along the magnetization [m] (> 0)
    units::Length diameter;  ///< [m] (> 0)
};

/// A ring (hollow cylinder) magnetized along its axis.
struct Ring {
    units::Length length;          ///< along the magnetization [m] (> 0)
    units::Length outer_diameter;  ///< [m] (> inner_diameter)
    units::Length inner_diameter;  ///< [m] (≥ 0; 0 is a solid cylinder)
};

/// A rectangular block magnetized along one edge.
struct Block {
    units::Length length;  ///< the edge along the magnetization [m] (> 0)
    units::Length width;   ///< an edge across it [m] (> 0)
    units::Length height;  ///< the other edge across it [m] (> 0)
};

using MagnetShape = std::variant<Cylinder, Ring, Block>;

struct DemagnetizingFactors {
    double fluxmetric = 0.0;     ///< N_f: mid-plane average, in (0, 1)
    double magnetometric = 0.0;  ///< N_m: volume average, in (0, 1)
};

/// N_f and N_m along the magnetization of an isolated, uniformly magnetized magnet (χ = 0).
/// Throws UsageError for non-positive or non-finite sizes, an inner diameter ≥ the outer one,
/// or a shape outside 1e-3 ≤ aspect ratio ≤ 1e3 (where the quadrature is checked).
DemagnetizingFactors demagnetizing_factors(const MagnetShape& shape);

/// Pc = (1 − N)/N for a demagnetizing factor N in (0, 1); UsageError otherwise.
double permeance_from_factor(double n);

/// The Pc magsel uses for an isolated magnet of this shape: from the fluxmetric factor.
double permeance_coefficient(const MagnetShape& shape);

/// Aharoni's magnetometric factor of a rectangular prism with edges `along` (the magnetization
/// direction), `x` and `y` (any length unit, all > 0): A. Aharoni, J. Appl. Phys. 83 (1998) 3432.
double aharoni_prism_factor(double along, double x, double y);

/// A cylinder with length/diameter `ld` (> 0), e.g. 0.7, the shape makers rate grades at
/// (GB/T 13560). The sizes are 1 m × ld; only the ratio matters.
Cylinder cylinder_with_ratio(double ld);

/// Parse a command-line shape: `cylinder:L=10mm,D=10mm`, `ring:L=5mm,OD=20mm,ID=10mm`,
/// `block:L=5mm,W=20mm,H=10mm` (L always along the magnetization). Sizes take a length unit.
/// Throws UsageError (UnitError for a bad size) with what is wrong.
MagnetShape parse_shape(std::string_view text);

/// "cylinder L 10 mm, D 10 mm (L/D 1)" — for output.
std::string describe(const MagnetShape& shape);

/// A shape, its factors and the Pc magsel uses (from the fluxmetric factor).
struct ShapePermeance {
    MagnetShape shape;
    std::string label;  ///< e.g. "cylinder L/D 0.7", or describe(shape)
    DemagnetizingFactors factors;
    double pc = 0.0;
};
/// The factors and Pc of `shape`; `label` empty: describe(shape). Throws as demagnetizing_factors.
ShapePermeance shape_permeance(const MagnetShape& shape, std::string label = {});

}  // namespace magsel
