// borderstats/io/file.hpp: how every reader opens a file, in one place.
//
//   io::load_bts_file(argv[1]);                                // a const char*
//   io::load_cbp_file(std::filesystem::path{"data"} / "cbp.csv");  // or a path
//
// A reader's file parameter is an `io::file_path`: it takes a `const char*`,
// a `std::string`, a `std::string_view`, a `std::filesystem::path` or a
// `std::filesystem::directory_entry`, without this header including
// <filesystem> (a path is taken through its `.string()`, in the caller's
// translation unit). The file is read with <cstdio> (`std::fopen`/`fread`),
// not <fstream>: the readers' headers then cost what their own code costs to
// compile, not the 0.6 s of <filesystem> and 0.4 s of <fstream> (issue 14,
// benchmarks/README.md "Compile time").
//
// One failure shape for every reader: a file that is a directory, or that
// does not exist or cannot be opened, is a `parse_failure` naming the file
// at line 0, worded by the caller ("expected a CSV file, found a directory").
// A path is passed to the C library as its narrow string: on POSIX that is the
// path itself. Known limits, to lift when the library is built on them: on
// Windows, converting a `std::filesystem::path` whose name is outside the
// ANSI code page throws `std::system_error` from `.string()` in the caller
// (before any `try_` reader runs), where the old <fstream> opened it through
// the wide API; on 32-bit Linux a file over 2 GiB needs
// `-D_FILE_OFFSET_BITS=64`, else it is reported as not openable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/stat.h>
#define BORDERSTATS_IO_FILE_POSIX 1
#elif defined(_WIN32)
#include <sys/stat.h>
#include <sys/types.h>
#define BORDERSTATS_IO_FILE_WIN32 1
#endif

namespace borderstats {
inline namespace v1 {
namespace io {

namespace detail {
template <typename Path, typename = void>
struct has_string_member : std::false_type {};
template <typename Path>
struct has_string_member<Path, std::void_t<decltype(std::string(std::declval<const Path&>().string()))>>
    : std::true_type {};
template <typename Path, typename = void>
struct has_path_member : std::false_type {};
template <typename Path>
struct has_path_member<Path, std::void_t<decltype(std::string(std::declval<const Path&>().path().string()))>>
    : std::true_type {};
}  // namespace detail

/// The name of a file to read, as the readers take it. Converts implicitly
/// from a `const char*`, a `std::string`, a `std::string_view`, and from a
/// `std::filesystem::path` or `directory_entry` (anything with `.string()`
/// or `.path().string()`).
class file_path {
public:
    file_path(const char* name) : name_(name) {}
    file_path(std::string name) : name_(std::move(name)) {}
    file_path(std::string_view name) : name_(name) {}
    template <typename Path, std::enable_if_t<detail::has_string_member<Path>::value, int> = 0>
    file_path(const Path& path) : name_(path.string()) {}
    template <typename Path, std::enable_if_t<!detail::has_string_member<Path>::value &&
                                                  detail::has_path_member<Path>::value,
                                              int> = 0>
    file_path(const Path& entry) : name_(entry.path().string()) {}

    /// The name as given (what errors print).
    const std::string& string() const noexcept { return name_; }
    const char* c_str() const noexcept { return name_.c_str(); }
    bool empty() const noexcept { return name_.empty(); }

private:
    std::string name_;
};

namespace detail {

/// What `input_file::open` found.
enum class file_open { ok, directory, cannot_open };

/// A file open for reading in binary mode, closed by the destructor.
class input_file {
public:
    input_file() = default;
    input_file(const input_file&) = delete;
    input_file& operator=(const input_file&) = delete;
    input_file(input_file&& other) noexcept : file_(std::exchange(other.file_, nullptr)), size_(other.size_) {}
    input_file& operator=(input_file&& other) noexcept {
        if (this != &other) {
            close();
            file_ = std::exchange(other.file_, nullptr);
            size_ = other.size_;
        }
        return *this;
    }
    ~input_file() { close(); }

    /// Opens `path`. A directory is refused before opening: the C library
    /// opens one without complaint on POSIX and then reads nothing, which
    /// would pass for an empty file.
    file_open open(const file_path& path) {
        close();
        size_ = unknown_size;
#if defined(BORDERSTATS_IO_FILE_POSIX)
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            if (S_ISDIR(st.st_mode)) return file_open::directory;
            if (S_ISREG(st.st_mode) && st.st_size >= 0) size_ = static_cast<std::uint64_t>(st.st_size);
        }
#elif defined(BORDERSTATS_IO_FILE_WIN32)
        struct _stat64 st {};
        if (::_stat64(path.c_str(), &st) == 0) {
            if ((st.st_mode & _S_IFDIR) != 0) return file_open::directory;
            if ((st.st_mode & _S_IFREG) != 0 && st.st_size >= 0) size_ = static_cast<std::uint64_t>(st.st_size);
        }
#endif
        file_ = std::fopen(path.c_str(), "rb");
        return file_ != nullptr ? file_open::ok : file_open::cannot_open;
    }
    void close() noexcept {
        if (file_ != nullptr) std::fclose(file_);
        file_ = nullptr;
    }
    bool is_open() const noexcept { return file_ != nullptr; }
    std::FILE* get() const noexcept { return file_; }
    /// The size in bytes of a regular file, or `unknown_size`.
    std::uint64_t size() const noexcept { return size_; }
    static constexpr std::uint64_t unknown_size = ~std::uint64_t{0};

    /// Reads up to `n` bytes from `file`; sets `bad` on a read error. A
    /// count below `n` means the end (or the error).
    static std::size_t read(void* file, char* dst, std::size_t n, bool& bad) noexcept {
        std::FILE* f = static_cast<std::FILE*>(file);
        const std::size_t got = std::fread(dst, 1, n, f);
        if (got < n && std::ferror(f) != 0) bad = true;
        return got;
    }

private:
    std::FILE* file_ = nullptr;
    std::uint64_t size_ = unknown_size;
};

/// The size in bytes of the regular file `path`, or `input_file::unknown_size`.
inline std::uint64_t file_size_or_unknown(const file_path& path) noexcept {
#if defined(BORDERSTATS_IO_FILE_POSIX)
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0)
        return static_cast<std::uint64_t>(st.st_size);
#elif defined(BORDERSTATS_IO_FILE_WIN32)
    struct _stat64 st {};
    if (::_stat64(path.c_str(), &st) == 0 && (st.st_mode & _S_IFREG) != 0 && st.st_size >= 0)
        return static_cast<std::uint64_t>(st.st_size);
#else
    (void)path;
#endif
    return input_file::unknown_size;
}

}  // namespace detail

}  // namespace io
}  // namespace v1
}  // namespace borderstats
