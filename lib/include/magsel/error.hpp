// magsel/error.hpp — the small error hierarchy every magsel function throws.
//
//   Error                base: something magsel cannot do, with a message for a person
//   ├─ UnitError         a quantity string is malformed or has the wrong dimension
//   ├─ InputError        a problem in an input file, located at file:line:col
//   └─ UsageError        a request that cannot be served (unknown grade, bad option value)
//
// The CLI maps all of them to exit code 2 ("bad input or usage").
#pragma once

#include <stdexcept>
#include <cstddef>
#include <string>
#include <vector>

namespace magsel {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A quantity string that cannot be read as the dimension the caller expects.
class UnitError : public Error {
public:
    explicit UnitError(const std::string& message) : Error(message) {}
};

/// Where in an input file something is: 1-based line and column.
struct SourceLocation {
    std::string file;
    int line = 0;    ///< 1-based; 0 when unknown
    int column = 0;  ///< 1-based; 0 when unknown
    std::string line_text;  ///< the text of that line, for the caret display (a window of a long line)
    std::size_t line_text_offset = 0;  ///< bytes of the line before line_text (0: it starts the line)
};

/// An error in an input file. what() reads
///   file:line:col: error: message
///      12 |     remanence: {min: 1.2 kg}
///         |                      ^
class InputError : public Error {
public:
    InputError(SourceLocation where, const std::string& message);
    const SourceLocation& where() const { return where_; }
    const std::string& message() const { return message_; }

protected:
    /// For InputErrors: the first error's location and message, with another what() text.
    InputError(SourceLocation where, const std::string& message, const std::string& what_text);

private:
    SourceLocation where_;
    std::string message_;
};

/// Several located errors in one input file, reported together (a grade file reports every bad
/// value of every grade entry, up to a cap). what() lists them all, one per paragraph;
/// the base InputError is the first.
class InputErrors : public InputError {
public:
    /// `errors` non-empty; `not_shown`: further errors left out after the cap.
    InputErrors(std::vector<InputError> errors, std::size_t not_shown);
    const std::vector<InputError>& errors() const { return errors_; }
    std::size_t not_shown() const { return not_shown_; }

private:
    std::vector<InputError> errors_;
    std::size_t not_shown_ = 0;
};

/// A request that cannot be served: unknown grade name, option value out of range.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error(message) {}
};

}  // namespace magsel
