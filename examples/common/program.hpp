// examples/common/program.hpp: what every example program does the same way
// at its edges: options, standard input, files written, and the exit status.
//
//   constexpr example::program_info program{"bts_crossings", "usage: bts_crossings [--top N] FILE"};
//   int main(int argc, char** argv) try {
//       ... top = example::whole_number("--top", argv[++i]);   // "abc": a usage error
//       ... example::write_file(path, svg, "the chart");       // throws, naming the file and why
//       return example::finish(program);  // 0, or 1 when standard output could not be written
//   } catch (...) {
//       return example::failed(program);  // the message on standard error; exit 2 or 1
//   }
//
// Exit status: 0 when everything was written; 1 on bad input (the library's
// FILE:LINE:COLUMN: message) and when standard output or a file cannot be
// written (a full disk, `> /dev/full`, standard output closed with `>&-`, a
// folder that does not exist); 2 on a usage error (an unknown option, a
// number that is not one, an option that takes one value given twice), with
// the usage line.
//
// `-` as an input file name reads standard input (errors then name "<stdin>");
// as an output file name it is refused: standard output carries the report.
#pragma once

#include <borderstats/error.hpp>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace example {

/// A program's name and its usage text (one or more lines, no final newline).
struct program_info {
    const char* name;
    const char* usage;
};

/// A command line the program cannot run: exit status 2, with the usage text.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `text` as a whole number for `option` ("--top"), at most `max`: digits
/// only, no sign, no spaces; anything else is a usage_error.
inline std::size_t whole_number(std::string_view option, std::string_view text,
                                std::size_t max = std::numeric_limits<std::size_t>::max()) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
    const auto r = std::from_chars(text.data(), end, value);
    if (!digits || r.ec != std::errc() || r.ptr != end || value > max)
        throw usage_error(std::string(option) + " takes a whole number from 0 to " + std::to_string(max) + ", not '" +
                          borderstats::detail::quote_for_message(text) + "'");
    return value;
}

/// The value after option `argv[i]`, moving `i` on to it; a usage_error when
/// the command line ends there.
inline std::string option_value(int& i, int argc, char** argv) {
    if (i + 1 >= argc) throw usage_error(std::string(argv[i]) + " needs a value");
    return argv[++i];
}

/// The options that take one value, as a command line gave them: a second
/// `--region` is a usage error, never a silent replacement of the first.
///   example::single_options given;
///   ... region = given.value(i, argc, argv);   // "--region A --region B": exit 2
class single_options {
public:
    /// Why `option` given `value` cannot be taken ("--region is given twice
    /// ('A' and 'B'); it takes one value"), or empty; remembers it.
    std::optional<std::string> repeated(std::string_view option, std::string_view value) {
        for (const auto& [name, first] : seen_)
            if (name == option)
                return std::string(option) + " is given twice ('" + borderstats::detail::quote_for_message(first) +
                       "' and '" + borderstats::detail::quote_for_message(value) + "'); it takes one value";
        seen_.emplace_back(std::string(option), std::string(value));
        return std::nullopt;
    }
    /// The value after option `argv[i]` (option_value), a usage_error when the
    /// option was given before.
    std::string value(int& i, int argc, char** argv) {
        const std::string option = argv[i];
        std::string v = option_value(i, argc, argv);
        if (const auto why = repeated(option, v)) throw usage_error(*why);
        return v;
    }

private:
    std::vector<std::pair<std::string, std::string>> seen_;
};

/// The arguments of a program that takes at most `max` plain arguments (a
/// data folder, an output file) and no options; a usage_error otherwise.
/// `-` is refused: these programs read a folder of files, not a stream.
inline std::vector<std::string> plain_arguments(int argc, char** argv, std::size_t max) {
    std::vector<std::string> out;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-") throw usage_error("'-' (standard input or output) is not supported here: name a folder or file");
        if (!arg.empty() && arg[0] == '-') throw usage_error("unknown option '" + arg + "'");
        if (out.size() == max) throw usage_error("too many arguments ('" + arg + "')");
        out.push_back(arg);
    }
    return out;
}

/// Whether an input file name means standard input.
inline bool is_standard_input(std::string_view path) noexcept { return path == "-"; }

/// All of standard input; throws when it cannot be read.
inline std::string read_standard_input() {
    std::string text;
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) text.append(buffer, n);
    if (std::ferror(stdin)) throw borderstats::error("<stdin>: cannot read standard input: " + std::string(std::strerror(errno)));
    return text;
}

/// Reads `path` with `from_file(path)`, or standard input with
/// `from_text(text, "<stdin>")` when `path` is `-`.
template <typename FromText, typename FromFile>
auto load_input(const std::string& path, FromText from_text, FromFile from_file) {
    if (is_standard_input(path)) return from_text(read_standard_input(), std::string("<stdin>"));
    return from_file(path);
}

/// Writes `text` to the file `path`, or throws an error that says
/// "cannot write WHAT to 'PATH': why". A regular file left half written is
/// removed.
inline void write_file(const std::string& path, std::string_view text, std::string_view what) {
    const std::string prefix = "cannot write " + std::string(what) + " to '" + path + "': ";
    if (path == "-") throw borderstats::error(prefix + "give a file name; standard output carries the report");
    errno = 0;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw borderstats::error(prefix + std::strerror(errno));
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const int write_errno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed) {
        const int code = !written ? write_errno : errno;
        std::error_code ec;  // a half-written file is removed; a device such as /dev/full is not
        if (std::filesystem::is_regular_file(path, ec)) std::filesystem::remove(path, ec);
        throw borderstats::error(prefix + (code != 0 ? std::strerror(code) : "the write failed"));
    }
}

/// Flushes standard output (both std::cout and C's stdout) and says whether
/// everything printed reached it; prints why not. The exit status to return.
inline int finish(const program_info& program) {
    std::cout.flush();
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int code = errno;
    if (flushed && !std::ferror(stdout) && std::cout.good()) return 0;
    std::fprintf(stderr, "%s: cannot write standard output: %s\n", program.name,
                 code != 0 ? std::strerror(code) : "the write failed");
    return 1;
}

/// Call in `catch (...)`: prints the current exception for a user and gives
/// the exit status (2 for a usage error, else 1). A parse_error's message
/// starts with FILE:LINE:COLUMN:, so it is printed as is; others are
/// prefixed with the program's name.
inline int failed(const program_info& program) noexcept {
    try {
        throw;
    } catch (const usage_error& e) {
        std::fprintf(stderr, "%s: %s\n%s\n", program.name, e.what(), program.usage);
        return 2;
    } catch (const borderstats::parse_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", program.name, e.what());
    } catch (...) {
        std::fprintf(stderr, "%s: unknown error\n", program.name);
    }
    return 1;
}

}  // namespace example
