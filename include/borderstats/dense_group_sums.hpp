// borderstats/dense_group_sums.hpp: sums indexed by (group code, month), the
// fast path of the group-by of aggregate.hpp (which includes this header),
// and `absent_rows`, what a (group, month) with no record means.
//
//   dense_group_sums<std::int64_t> sums;
//   sums.add(code.index(), year_month{2019, 5}, 144'116);   // checked sums
//   monthly_series<std::int64_t> sw = sums.series(code.index(), absent_rows::zero);
//
// Groups are small integer codes (a dictionary's), months grow as records
// arrive; a (group, month) with no record is a gap unless `absent_rows` says
// otherwise (see aggregate.hpp's file comment for the rules). Sums never wrap:
// an integer sum that does not fit throws `overflow_error`. A header of its
// own so that io::sum_encounters (aggregate_scan.hpp) does not compile the
// std::map/std::set group-by (issue 14, compile time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "calendar.hpp"
#include "checked.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// What a (group, month) with no record means in a group-by result.
enum class absent_rows {
    gap,              ///< no figure (the default: nothing is assumed)
    zero,             ///< zero in a month the data cover; a month with no record at all is a gap
    zero_every_month  ///< zero in every month of the data's span, even one with no record at all
};

/// Dense sums indexed by (group code, month): the fast path of the group-by.
/// Groups are 0..group_count()-1 (e.g. dictionary codes); the month span and
/// the number of groups grow as records arrive. Memory is groups x months of
/// the span x (sizeof(T) + 1) bytes: the CBP and BTS readers and
/// io::sum_encounters refuse files spanning more than io::max_month_span
/// (1,200) months, so a file cannot make it ask for groups x 120,000 cells.
template <typename T = std::int64_t>
class dense_group_sums {
    static_assert(is_count_type_v<T>, "dense_group_sums<T> needs an arithmetic count type");

public:
    dense_group_sums() = default;
    /// Reserves room for `groups` groups over `span` months (both may grow).
    dense_group_sums(std::size_t groups, month_range span) { reserve(groups, span); }

    std::size_t group_count() const noexcept { return groups_; }
    /// The months seen so far (or reserved).
    month_range months_range() const noexcept {
        return width_ == 0 ? month_range{} : month_range::inclusive(first_, first_ + months{static_cast<std::int32_t>(width_) - 1});
    }
    [[deprecated("use months_range(), the name every type gives the months it covers (borderstats 0.2)")]]
    month_range months_span() const noexcept { return months_range(); }

    /// Adds `value` to (group, m). Checked for integers.
    void add(std::size_t group, year_month m, T value) {
        const std::size_t cell = cell_for(group, m);
        sums_[cell] = checked_add<T>(sums_[cell], value);
        present_[cell] = 1;
        covered_[static_cast<std::size_t>(m.index() - first_.index())] = 1;
    }

    /// Whether some group had a record in month `m`: a month the data cover,
    /// where `absent_rows::zero` reads an absent cell as 0.
    bool covers(year_month m) const noexcept {
        const std::int64_t i = std::int64_t{m.index()} - first_.index();
        return width_ != 0 && i >= 0 && i < static_cast<std::int64_t>(width_) && covered_[static_cast<std::size_t>(i)] != 0;
    }

    /// Adds every cell of `other` into this one (per-thread partial sums).
    void merge(const dense_group_sums& other) {
        if (other.width_ == 0) return;
        for (std::size_t g = 0; g < other.groups_; ++g) {
            for (std::size_t i = 0; i < other.width_; ++i) {
                const std::size_t src = g * other.width_ + i;
                if (!other.present_[src]) continue;
                add(g, other.first_ + months{static_cast<std::int32_t>(i)}, other.sums_[src]);
            }
        }
    }

    /// The series of one group over the whole span: gaps where no record was
    /// added, or zeros as `absent` says (see the file comment).
    monthly_series<T> series(std::size_t group, absent_rows absent = absent_rows::gap) const {
        monthly_series<T> out{months_range()};
        for (std::size_t i = 0; i < width_; ++i) {
            const std::size_t cell = group * width_ + i;
            const year_month m = first_ + months{static_cast<std::int32_t>(i)};
            if (group < groups_ && present_[cell])
                out.set(m, sums_[cell]);
            else if (zero_at(i, absent))
                out.set(m, T{});
        }
        return out;
    }

    /// The sum over all groups, by month.
    monthly_series<T> total(absent_rows absent = absent_rows::gap) const {
        monthly_series<T> out{months_range()};
        for (std::size_t i = 0; i < width_; ++i) {
            bool any = false;
            T sum{};
            for (std::size_t g = 0; g < groups_; ++g) {
                const std::size_t cell = g * width_ + i;
                if (!present_[cell]) continue;
                sum = checked_add<T>(sum, sums_[cell]);
                any = true;
            }
            if (any || zero_at(i, absent)) out.set(first_ + months{static_cast<std::int32_t>(i)}, sum);
        }
        return out;
    }

    void reserve(std::size_t groups, month_range span) {
        if (!span.empty()) {
            cell_for(0, span.front());
            cell_for(0, span.back());
        }
        if (groups > groups_) grow_groups(groups);
    }

private:
    // Whether an absent cell at month offset `i` reads as zero under `absent`.
    bool zero_at(std::size_t i, absent_rows absent) const noexcept {
        return absent == absent_rows::zero_every_month || (absent == absent_rows::zero && covered_[i] != 0);
    }
    std::size_t cell_for(std::size_t group, year_month m) {
        if (width_ == 0) {
            first_ = m;
            width_ = 1;
            if (groups_ == 0) groups_ = 1;
            sums_.assign(groups_ * width_, T{});
            present_.assign(groups_ * width_, 0);
            covered_.assign(width_, 0);
        } else if (m < first_ || m.index() - first_.index() >= static_cast<std::int32_t>(width_)) {
            grow_months(m);
        }
        if (group >= groups_) grow_groups(group + 1);
        return group * width_ + static_cast<std::size_t>(m.index() - first_.index());
    }
    void grow_months(year_month m) {
        const year_month new_first = m < first_ ? m : first_;
        const year_month old_last = first_ + months{static_cast<std::int32_t>(width_) - 1};
        const year_month new_last = m > old_last ? m : old_last;
        const auto new_width = static_cast<std::size_t>(std::int64_t{new_last.index()} - new_first.index() + 1);
        const auto shift = static_cast<std::size_t>(first_.index() - new_first.index());
        std::vector<T> sums(groups_ * new_width, T{});
        std::vector<unsigned char> present(groups_ * new_width, 0);
        for (std::size_t g = 0; g < groups_; ++g)
            for (std::size_t i = 0; i < width_; ++i) {
                sums[g * new_width + shift + i] = sums_[g * width_ + i];
                present[g * new_width + shift + i] = present_[g * width_ + i];
            }
        std::vector<unsigned char> covered(new_width, 0);
        for (std::size_t i = 0; i < width_; ++i) covered[shift + i] = covered_[i];
        sums_.swap(sums);
        present_.swap(present);
        covered_.swap(covered);
        first_ = new_first;
        width_ = new_width;
    }
    void grow_groups(std::size_t groups) {
        // Rows are contiguous per group, so new groups append at the end.
        groups_ = groups;
        sums_.resize(groups_ * width_, T{});
        present_.resize(groups_ * width_, 0);
    }

    year_month first_{};
    std::size_t width_ = 0;   // months per group
    std::size_t groups_ = 0;  // rows
    std::vector<T> sums_;
    std::vector<unsigned char> present_;
    std::vector<unsigned char> covered_;  // by month: some group had a record
};

}  // namespace v1
}  // namespace borderstats
