// working_points.cpp — the batch working-point API (batch.hpp) over NumPy arrays, with the GIL
// released while it runs. The Python layer (magsel/__init__.py) broadcasts the inputs once and
// passes flat float64 arrays of length n or 1; the outputs are new arrays of length n.
#include <algorithm>
#include <optional>
#include <span>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "magsel/batch.hpp"
#include "magsel/thermal.hpp"

namespace magsel::python {
namespace {

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::span<const double> span_of(const DoubleArray& a) {
    return {a.data(), static_cast<std::size_t>(a.size())};
}
std::span<const double> span_of(const std::optional<DoubleArray>& a) {
    return a ? span_of(*a) : std::span<const double>{};
}

py::dict working_points_py(const GradeHandle& g, const DoubleArray& temperature_K, const DoubleArray& permeance_coefficient,
                           const DoubleArray& opposing_field_A_m, const std::string& basis_name,
                           const std::optional<DoubleArray>& remanence_20_T,
                           const std::optional<DoubleArray>& intrinsic_coercivity_20_A_m) {
    const Basis basis = basis_from_string(basis_name);
    // n: the longest input (the others have length n or 1, which the library checks)
    const py::ssize_t n = std::max({temperature_K.size(), permeance_coefficient.size(), opposing_field_A_m.size(),
                                    remanence_20_T ? remanence_20_T->size() : py::ssize_t{0},
                                    intrinsic_coercivity_20_A_m ? intrinsic_coercivity_20_A_m->size() : py::ssize_t{0}});
    py::array_t<double> h(n), b(n), j(n), knee(n), loss(n);
    py::array_t<std::uint8_t> status(n);
    const auto size = static_cast<std::size_t>(n);
    WorkingPointInputs in{span_of(temperature_K), span_of(permeance_coefficient), span_of(opposing_field_A_m),
                          span_of(remanence_20_T), span_of(intrinsic_coercivity_20_A_m)};
    static_assert(sizeof(PointStatus) == sizeof(std::uint8_t));
    WorkingPointOutputs out{{h.mutable_data(), size},
                            {b.mutable_data(), size},
                            {j.mutable_data(), size},
                            {knee.mutable_data(), size},
                            {loss.mutable_data(), size},
                            {reinterpret_cast<PointStatus*>(status.mutable_data()), size}};
    BatchSummary summary;
    {
        // The arrays are referenced by this frame; the library touches no Python object.
        py::gil_scoped_release release;
        summary = working_points(*g, in, out, basis);
    }
    py::dict result;
    result["working_field_A_m"] = h;
    result["flux_density_T"] = b;
    result["polarization_T"] = j;
    result["knee_margin_A_m"] = knee;
    result["irreversible_loss"] = loss;
    result["status"] = status;
    result["extrapolated_points"] = summary.extrapolated;
    result["outside_envelope_points"] = summary.outside_envelope;
    return result;
}

}  // namespace

void bind_working_points(py::module_& m) {
    m.def("_working_points", &working_points_py, py::arg("grade"), py::arg("temperature_K"),
          py::arg("permeance_coefficient"), py::arg("opposing_field_A_m"), py::arg("basis") = "min",
          py::arg("remanence_20_T") = std::nullopt, py::arg("intrinsic_coercivity_20_A_m") = std::nullopt,
          "batch.hpp working_points over flat float64 arrays of length n or 1 (n the longest); use\n"
          "magsel.working_points, which broadcasts. Returns flat arrays of length n and the summary counts.");
    m.attr("STATUS_OK") = static_cast<int>(PointStatus::ok);
    m.attr("STATUS_EXTRAPOLATED") = static_cast<int>(PointStatus::extrapolated);
    m.attr("STATUS_OUTSIDE_ENVELOPE") = static_cast<int>(PointStatus::outside_envelope);
}

}  // namespace magsel::python
