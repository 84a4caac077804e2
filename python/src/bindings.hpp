// bindings.hpp — what the binding files of the Python module share: handles that keep a grade's
// catalogue alive, the JSON -> Python conversion, and each topic's bind function.
// The bindings hold no physics: they convert arguments, call the library and convert results.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/requirement.hpp"

namespace magsel::python {

namespace py = pybind11;

/// A catalogue shared by the grades found in it (a grade is a pointer into it).
struct CatalogueHandle {
    std::shared_ptr<const Catalogue> catalogue;
};

/// One grade of a catalogue; keeps the catalogue alive.
struct GradeHandle {
    std::shared_ptr<const Catalogue> catalogue;
    const Grade* grade = nullptr;
    const Grade& operator*() const { return *grade; }
};

/// A price table as the CLI builds it: the file (or built-in), the market, and the --price edits
/// (`priced`) on top of the same table without them (`baseline`, for a scenario's comparison).
struct PricesHandle {
    PriceTable baseline;
    PriceTable priced;
    std::vector<std::string> edits;
};

/// A requirement or design file, read.
struct RequirementHandle {
    Requirement requirement;
};

/// The built-in catalogue plus the MAGSEL_GRADES directories, as the CLI loads it; made once.
std::shared_ptr<const Catalogue> default_catalogue();

/// The report layer's JSON as Python data (dict in key order, list, str, int, float, bool, None).
py::object to_python(const report::Json& json);

void bind_grades(py::module_& m);
void bind_working_points(py::module_& m);
void bind_studies(py::module_& m);

}  // namespace magsel::python
