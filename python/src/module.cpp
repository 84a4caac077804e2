// module.cpp — the extension module magsel._magsel: magsel's errors as Python exceptions, the
// report layer's JSON as Python data, and the topics bound in the other files.
#include <string>

#include "bindings.hpp"
#include "magsel/error.hpp"
#include "magsel/units.hpp"
#include "magsel/version.hpp"

namespace magsel::python {

std::shared_ptr<const Catalogue> default_catalogue() {
    // Made on first use; a failure (a broken MAGSEL_GRADES directory) throws and is retried next time.
    static const std::shared_ptr<const Catalogue> catalogue = [] {
        auto c = Catalogue::builtin();
        c.add_environment_directories();
        return std::make_shared<const Catalogue>(std::move(c));
    }();
    return catalogue;
}

py::object to_python(const report::Json& json) {
    using Type = report::Json::value_t;
    switch (json.type()) {
    case Type::null:
    case Type::discarded: return py::none();
    case Type::boolean: return py::bool_(json.get<bool>());
    case Type::number_integer: return py::int_(json.get<std::int64_t>());
    case Type::number_unsigned: return py::int_(json.get<std::uint64_t>());
    case Type::number_float: return py::float_(json.get<double>());
    case Type::string: return py::str(json.get_ref<const std::string&>());
    case Type::binary: {
        const auto& b = json.get_binary();
        return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
    }
    case Type::array: {
        py::list list;
        for (const auto& item : json) list.append(to_python(item));
        return list;
    }
    case Type::object: {
        py::dict dict;
        for (const auto& [key, value] : json.items()) dict[py::str(key)] = to_python(value);
        return dict;
    }
    }
    return py::none();
}

namespace {

// The exception types (owned by the module, which outlives every call that raises them).
py::handle error_type, unit_error_type, input_error_type, usage_error_type;

py::handle make_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    const std::string qualified = std::string("magsel.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (type == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_steal<py::object>(type));
    return type;
}

py::object location_part(int value) { return value > 0 ? py::object(py::int_(value)) : py::object(py::none()); }

py::tuple location_tuple(const InputError& e) {
    return py::make_tuple(e.where().file, location_part(e.where().line), location_part(e.where().column), e.message());
}

/// magsel.InputError with the location as attributes: file, line, column (None when unknown),
/// message (without the location), line_text, and errors (every (file, line, column, message)
/// of a file that reported several).
void raise_input_error(const InputError& e) {
    try {
        py::object exc = py::reinterpret_borrow<py::object>(input_error_type)(py::str(e.what()));
        exc.attr("file") = py::str(e.where().file);
        exc.attr("line") = location_part(e.where().line);
        exc.attr("column") = location_part(e.where().column);
        exc.attr("message") = py::str(e.message());
        exc.attr("line_text") = py::str(e.where().line_text);
        py::list errors;
        if (const auto* several = dynamic_cast<const InputErrors*>(&e)) {
            for (const auto& one : several->errors()) errors.append(location_tuple(one));
        } else {
            errors.append(location_tuple(e));
        }
        exc.attr("errors") = errors;
        PyErr_SetObject(input_error_type.ptr(), exc.ptr());
    } catch (const py::error_already_set& failed) {
        PyErr_SetString(input_error_type.ptr(), e.what());
    }
}

void bind_errors(py::module_& m) {
    error_type = make_exception(m, "Error", py::make_tuple(py::handle(PyExc_Exception)),
                                "Base of magsel's errors: something magsel cannot do, with a message for a person.");
    unit_error_type = make_exception(
        m, "UnitError", py::make_tuple(error_type, py::handle(PyExc_ValueError)),
        "A quantity string that cannot be read as the dimension expected (\"12 kg\" for a flux density).");
    input_error_type = make_exception(
        m, "InputError", py::make_tuple(error_type, py::handle(PyExc_ValueError)),
        "An error in an input file (requirement, grade or price file). str() is the library's message\n"
        "`file:line:col: error: ...` with the line and a caret; attributes: file, line, column (1-based,\n"
        "None when unknown), message (without the location), line_text, errors (every\n"
        "(file, line, column, message) when the file reported several).");
    usage_error_type = make_exception(
        m, "UsageError", py::make_tuple(error_type, py::handle(PyExc_ValueError)),
        "A request that cannot be served: an unknown grade (with the closest names), a value out of range.");
    // Tried before pybind11's own translators (std::bad_alloc -> MemoryError, std::exception ->
    // RuntimeError, anything else -> RuntimeError): nothing thrown in C++ ends the interpreter.
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const InputError& e) {
            raise_input_error(e);
        } catch (const UsageError& e) {
            PyErr_SetString(usage_error_type.ptr(), e.what());
        } catch (const UnitError& e) {
            PyErr_SetString(unit_error_type.ptr(), e.what());
        } catch (const Error& e) {
            PyErr_SetString(error_type.ptr(), e.what());
        }
    });
}

}  // namespace
}  // namespace magsel::python

PYBIND11_MODULE(_magsel, m) {
    namespace mp = magsel::python;
    m.doc() = "magsel's C++ library for Python (the extension under the `magsel` package; import `magsel`).";
    m.attr("__version__") = magsel::version_string;
    m.attr("_celsius_zero_in_kelvin") = magsel::units::celsius_zero_in_kelvin;
    mp::bind_errors(m);
    mp::bind_grades(m);
    mp::bind_working_points(m);
    mp::bind_studies(m);
}
