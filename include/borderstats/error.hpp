// borderstats/error.hpp: the exceptions the library throws, and the one place
// every throw goes through.
//
// Every failure to read outside text is a `parse_error` that names where it
// happened (source, 1-based line and column) and what (the field, the text
// found, what was expected), so a user can open the file at the right place.
// Arithmetic that would wrap throws `overflow_error`; a sum over a range with a
// month that has no figure throws `missing_data_error` when the caller asked
// for the throwing form. All of them derive from `borderstats::error`.
//
// Built with -fno-exceptions, the headers still compile: every throw goes
// through `detail::raise`, which then prints the message and aborts.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#if !defined(__cpp_exceptions) && !defined(__EXCEPTIONS) && !defined(_CPPUNWIND)
#include <cstdio>
#include <cstdlib>
#define BORDERSTATS_NO_EXCEPTIONS 1
#endif

// BORDERSTATS_COLD marks a function that runs only when something went wrong
// (it words or raises a failure): GCC and Clang compile it for size and never
// inline it into the reading loops, which keeps the code a program that reads
// a file compiles at -O2 small (issue 14, compile time). Not part of the API.
#if defined(__GNUC__) || defined(__clang__)
#define BORDERSTATS_COLD __attribute__((cold, noinline))
#elif defined(_MSC_VER)
#define BORDERSTATS_COLD __declspec(noinline)
#else
#define BORDERSTATS_COLD
#endif
// BORDERSTATS_ONCE marks what runs once per file (opening it, reading its
// header): compiled as BORDERSTATS_COLD is, since its speed does not matter.
#define BORDERSTATS_ONCE BORDERSTATS_COLD

namespace borderstats {
inline namespace v1 {

/// Base of every exception borderstats throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where a piece of text came from: a file name (or "<string>", "<stdin>"),
/// a 1-based line and a 1-based column (in bytes). Line 0 means "not from a
/// file": the text was given directly to a parse function.
struct text_location {
    std::string source;
    std::size_t line = 0;
    std::size_t column = 0;
};

namespace detail {
/// Sets the message of a text parser's failure (`try_parse_X(text, why)`):
/// `*why = message` when the caller asked for it.
constexpr void set_why(std::string_view* why, std::string_view message) noexcept {
    if (why != nullptr) *why = message;
}

/// Texts quoted in messages are cut so that a 10 MB line cannot make a 10 MB
/// message.
BORDERSTATS_COLD inline std::string quote_for_message(std::string_view text, std::size_t max_length = 60) {
    if (text.size() <= max_length) return std::string(text);
    std::string out(text.substr(0, max_length));
    out += "...";
    return out;
}
}  // namespace detail

/// The non-throwing form of a parse failure: everything a `parse_error`
/// carries, as a plain value. Embedding tools that do not want exceptions get
/// this from the `try_` readers.
struct parse_failure {
    text_location where;
    std::string field;    ///< column or field name, e.g. "Encounter Count"; may be empty
    std::string text;     ///< the offending text, as found (possibly shortened)
    std::string message;  ///< what was expected, e.g. "expected a whole number"

    /// "source:line:column: field 'F': message (found 'T')", the form compilers
    /// use, so editors can jump to it. F and T are cut to 60 bytes and "..."
    /// (detail::quote_for_message), however long they came.
    BORDERSTATS_COLD std::string describe() const {
        std::string out;
        if (!where.source.empty()) {
            out += where.source;
            out += ':';
        }
        if (where.line != 0) {
            out += std::to_string(where.line);
            out += ':';
            out += std::to_string(where.column);
            out += ':';
        }
        if (!out.empty()) out += ' ';
        if (!field.empty()) {
            out += "field '";
            out += detail::quote_for_message(field);
            out += "': ";
        }
        out += message;
        if (!text.empty() || message.empty()) {
            out += " (found '";
            out += detail::quote_for_message(text);
            out += "')";
        }
        return out;
    }
};

/// Thrown when outside text cannot be read: names source, line, column, field.
class parse_error : public error {
public:
    explicit parse_error(parse_failure failure)
        : error(failure.describe()), failure_(std::move(failure)) {}

    parse_error(std::string source, std::size_t line, std::size_t column, std::string field,
                std::string_view text, std::string message)
        : parse_error(parse_failure{text_location{std::move(source), line, column}, std::move(field),
                                    detail::quote_for_message(text), std::move(message)}) {}

    const std::string& source() const noexcept { return failure_.where.source; }
    std::size_t line() const noexcept { return failure_.where.line; }
    std::size_t column() const noexcept { return failure_.where.column; }
    const std::string& field() const noexcept { return failure_.field; }
    const std::string& text() const noexcept { return failure_.text; }
    /// What was expected, without the location prefix.
    const std::string& message() const noexcept { return failure_.message; }
    const parse_failure& failure() const noexcept { return failure_; }

private:
    parse_failure failure_;
};

/// Thrown when a caller asks a file for a dimension value or a column it
/// does not have: names the file, the column and the nearest names present,
/// "cbp.csv: field 'Land Border Region': no value 'Southwest'; did you mean
/// 'Southwest Land Border'?". The `try_` lookups report the same
/// `parse_failure` (line 0: the place is the file, not a row of it).
class lookup_error : public parse_error {
public:
    using parse_error::parse_error;
};

/// Thrown when a month outside 1..12, or a year outside the supported range,
/// is used to build a calendar value (as Boost's `bad_month` does).
class bad_month : public error {
public:
    using error::error;
};

/// Thrown when an integer sum or difference would not fit its type: sums never
/// wrap silently.
class overflow_error : public error {
public:
    using error::error;
};

/// Thrown by the throwing forms of range sums when a month has no figure.
class missing_data_error : public error {
public:
    using error::error;
};

namespace detail {
/// Every throw in the library goes through here.
template <typename Exception>
[[noreturn]] BORDERSTATS_COLD inline void raise(Exception&& e) {
#if defined(BORDERSTATS_NO_EXCEPTIONS)
    std::fputs(e.what(), stderr);
    std::fputc('\n', stderr);
    std::abort();
#else
    throw std::forward<Exception>(e);
#endif
}
}  // namespace detail

}  // namespace v1
}  // namespace borderstats
