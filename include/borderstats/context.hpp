// borderstats/context.hpp: the context a figure needs: shares of a total,
// named groups of values, like-for-like comparisons of incomplete fiscal years,
// and projections from a fiscal year to date.
//
//   auto c = bs::compare_like_for_like(s, fy{2025});    // FY2025 Oct-Aug against FY2024 Oct-Aug
//   c->months.label();                                 // "OCT-AUG": what was compared, to print beside it
//   auto p = bs::project_fiscal_year(s, bs::year_month{2025, 8}, 3);  // a projection, with its share and years
//
// LIKE FOR LIKE. An incomplete fiscal year compared with a whole earlier one
// is a false fall. `compare_like_for_like` compares the months of a year that
// have a figure with the same months of an earlier year, and names them
// (`compared_months`: "OCT-SEP" for a whole year, "OCT-AUG", or
// "OCT-DEC+FEB-AUG" when a month in between is missing). It is empty when the
// earlier year lacks one of those months: a gap is never read as a zero.
//
// SHARES. `share_by_month(part, whole)` is the part as a percent of the whole,
// month by month; `share_by_fiscal_year` over the months of each fiscal year
// that both have (with those months named); the change of a share is in
// `percentage_points` (change.hpp). A part above its whole, or a negative one,
// is an error naming the month: it means the filters do not nest.
//
// GROUPS. A `grouping` names a set of dimension values ("Northern Triangle":
// Guatemala, Honduras, El Salvador). `group_total(g, by_value, source)` adds
// the series of its members; a member the data never has is an error naming
// the grouping, the member, the source and the values it does have, never a
// silent zero. Members match a value exactly, or else ASCII case-insensitively
// when exactly one value matches ("Guatemala" finds CBP's "GUATEMALA").
//
// PROJECTION. `project_fiscal_year(s, through, n)` projects the whole fiscal
// year from its months to date: partial / share, where share is the mean, over
// the n most recent complete earlier fiscal years, of the part of each year's
// total that the same months held. The result is a `fiscal_year_projection`,
// which carries that share, the years used and their shares, so an output can
// say it is a projection and how it was made. (One public script computed
// partial + partial * (1 - share): for share 0.5 that is 1.5 x partial, where
// partial / share is 2 x partial.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "change.hpp"
#include "checked.hpp"
#include "error.hpp"
#include "fiscal.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

// --------------------------------------------------------- COMPARED MONTHS

/// A set of the months of a fiscal year, by their place in it (1 = the first
/// month: October for us_federal), and its label ("OCT-AUG").
template <typename Calendar>
class compared_months {
public:
    constexpr compared_months() noexcept = default;
    /// All twelve months.
    static constexpr compared_months whole_year() noexcept { return compared_months{0xFFF}; }
    /// Months 1 to `n` (the year to date after n months).
    static constexpr compared_months first(int n) noexcept {
        return compared_months{static_cast<std::uint16_t>(n <= 0 ? 0 : n >= 12 ? 0xFFF : (1u << n) - 1u)};
    }
    /// Adds the month `ym` of any fiscal year.
    constexpr void add(year_month ym) noexcept { bits_ = static_cast<std::uint16_t>(bits_ | bit(Calendar::month_number(ym))); }
    constexpr bool contains(year_month ym) const noexcept { return (bits_ & bit(Calendar::month_number(ym))) != 0; }
    constexpr int count() const noexcept {
        int n = 0;
        for (int k = 1; k <= 12; ++k) n += (bits_ & bit(k)) != 0 ? 1 : 0;
        return n;
    }
    constexpr bool empty() const noexcept { return bits_ == 0; }
    constexpr bool whole() const noexcept { return bits_ == 0xFFF; }
    /// These months in fiscal year `fy`, in order.
    std::vector<year_month> in(fiscal_year<Calendar> fy) const {
        std::vector<year_month> out;
        for (year_month m : fy.months_range())
            if (contains(m)) out.push_back(m);
        return out;
    }
    /// "OCT-SEP", "OCT-AUG", "MAY", "OCT-DEC+FEB-AUG"; empty for no month.
    std::string label() const {
        std::string out;
        for (int k = 1; k <= 12;) {
            if ((bits_ & bit(k)) == 0) {
                ++k;
                continue;
            }
            int last = k;
            while (last < 12 && (bits_ & bit(last + 1)) != 0) ++last;
            if (!out.empty()) out += '+';
            out += abbreviation(k);
            if (last > k) out += "-" + abbreviation(last);
            k = last + 1;
        }
        return out;
    }
    friend constexpr bool operator==(compared_months a, compared_months b) noexcept { return a.bits_ == b.bits_; }
    friend constexpr bool operator!=(compared_months a, compared_months b) noexcept { return a.bits_ != b.bits_; }

private:
    constexpr explicit compared_months(std::uint16_t bits) noexcept : bits_(bits) {}
    static constexpr std::uint16_t bit(int k) noexcept { return static_cast<std::uint16_t>(1u << (k - 1)); }
    static std::string abbreviation(int k) {
        std::string a(month_abbreviation((Calendar::start_month + k - 2) % 12 + 1));
        for (char& c : a) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        return a;
    }
    std::uint16_t bits_ = 0;
};

// ----------------------------------------------------------- LIKE FOR LIKE

/// Fiscal year `year` against the same months of `earlier`.
template <typename Calendar, typename Sum>
struct like_for_like {
    fiscal_year<Calendar> year;
    fiscal_year<Calendar> earlier;
    /// The months compared, in both years.
    compared_months<Calendar> months;
    /// From the earlier year's total of those months to this year's.
    change<Sum> totals;
};

/// The months of `year` that have a figure in `s`, against the same months of
/// `before`; empty when `year` has no figure or `before` lacks one of those
/// months.
template <typename Calendar, typename T>
std::optional<like_for_like<Calendar, sum_t<T>>> compare_like_for_like(const monthly_series<T>& s,
                                                                       fiscal_year<Calendar> year,
                                                                       fiscal_year<Calendar> before) {
    like_for_like<Calendar, sum_t<T>> r{year, before, {}, {}};
    for (year_month m : year.months_range()) {
        const auto now = s.at(m);
        if (!now) continue;
        const auto then = s.at(before.first_month() + (m - year.first_month()));
        if (!then) return std::nullopt;
        r.months.add(m);
        r.totals.to = checked_add<sum_t<T>>(r.totals.to, static_cast<sum_t<T>>(*now));
        r.totals.from = checked_add<sum_t<T>>(r.totals.from, static_cast<sum_t<T>>(*then));
    }
    if (r.months.empty()) return std::nullopt;
    return r;
}

/// As above, against the year before `year`.
template <typename Calendar, typename T>
std::optional<like_for_like<Calendar, sum_t<T>>> compare_like_for_like(const monthly_series<T>& s,
                                                                       fiscal_year<Calendar> year) {
    return compare_like_for_like(s, year, year.prev());
}

// ------------------------------------------------------------------ SHARES

namespace detail {
template <typename P, typename W>
void check_part_of_whole(year_month m, P part, W whole) {
    if (part < P{0} || whole < W{0} || static_cast<double>(part) > static_cast<double>(whole))
        raise(error("in " + to_string(m) + " the part (" + std::to_string(part) + ") is not within its whole (" +
                    std::to_string(whole) + "): the two series do not nest"));
}
}  // namespace detail

/// `part` as a percent of `whole` in `m`; empty when either has no figure or
/// `whole` is zero. Throws `error` when the part is negative or above the whole.
template <typename P, typename W>
std::optional<percent> share_at(const monthly_series<P>& part, const monthly_series<W>& whole, year_month m) {
    const auto p = part.at(m);
    const auto w = whole.at(m);
    if (!p || !w) return std::nullopt;
    detail::check_part_of_whole(m, *p, *w);
    return share(*p, *w);
}

/// The share of `part` in `whole` month by month, in percent (12.5 = 12.5%),
/// over the months of `whole`; a gap where `share_at` is empty.
template <typename P, typename W>
monthly_series<double> share_by_month(const monthly_series<P>& part, const monthly_series<W>& whole) {
    monthly_series<double> out{whole.months_range()};
    for (year_month m : whole.months_range())
        if (const auto s = share_at(part, whole, m)) out.set(m, s->value());
    return out;
}

/// A share over a fiscal year, and the months it covers.
template <typename Calendar>
struct fiscal_year_share {
    fiscal_year<Calendar> year;
    /// Empty when no month has both figures or the whole is zero.
    std::optional<percent> share;
    compared_months<Calendar> months;
};

/// The share of `part` in `whole` for each fiscal year `whole` touches, over
/// the months where both have a figure.
template <typename Calendar, typename P, typename W>
std::vector<fiscal_year_share<Calendar>> share_by_fiscal_year(const monthly_series<P>& part,
                                                              const monthly_series<W>& whole) {
    std::vector<fiscal_year_share<Calendar>> out;
    if (whole.empty()) return out;
    for (auto fy = fiscal_year<Calendar>::containing(whole.first_month()); fy.first_month() <= whole.last_month();
         fy = fy.next()) {
        fiscal_year_share<Calendar> r{fy, std::nullopt, {}};
        sum_t<P> p{};
        sum_t<W> w{};
        for (year_month m : fy.months_range()) {
            const auto a = part.at(m);
            const auto b = whole.at(m);
            if (!a || !b) continue;
            detail::check_part_of_whole(m, *a, *b);
            p = checked_add<sum_t<P>>(p, static_cast<sum_t<P>>(*a));
            w = checked_add<sum_t<W>>(w, static_cast<sum_t<W>>(*b));
            r.months.add(m);
        }
        if (!r.months.empty()) r.share = share(p, w);
        out.push_back(r);
    }
    return out;
}

/// The change from one share to another, in percentage points; empty when
/// either is empty.
constexpr std::optional<percentage_points> points_change(std::optional<percent> earlier,
                                                         std::optional<percent> later) noexcept {
    if (!earlier || !later) return std::nullopt;
    return *later - *earlier;
}

// ---------------------------------------------------------------- GROUPS

/// A named set of dimension values, e.g. citizenships.
struct grouping {
    std::string name;
    std::vector<std::string> members;
};

/// Guatemala, Honduras and El Salvador, as CBP's Citizenship column spells them.
inline grouping northern_triangle() { return {"Northern Triangle", {"GUATEMALA", "HONDURAS", "EL SALVADOR"}}; }
/// Cuba, Haiti, Nicaragua and Venezuela, as CBP's Citizenship column spells them.
inline grouping chnv() { return {"CHNV", {"CUBA", "HAITI", "NICARAGUA", "VENEZUELA"}}; }

namespace detail {
inline std::string list_values(const std::vector<std::string_view>& values) {
    std::string out;
    const std::size_t shown = values.size() < 30 ? values.size() : 30;
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", '" : "'") + std::string(values[i]) + "'";
    if (shown < values.size()) out += ", ... (" + std::to_string(values.size()) + " in all)";
    return out;
}

/// The index in `values` of `member`: exact, or the one ASCII case-insensitive match.
inline std::size_t find_member(const grouping& g, const std::string& member, const std::vector<std::string_view>& values,
                               std::string_view source) {
    std::optional<std::size_t> folded;
    std::size_t folded_count = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] == member) return i;
        if (iequals(values[i], member)) {
            folded = i;
            ++folded_count;
        }
    }
    if (folded_count == 1) return *folded;
    raise(error("grouping '" + g.name + "': " + std::string(source.empty() ? "the data" : source) +
                (folded_count > 1 ? " has several spellings of '" : " never has '") + member +
                "'; its values are " + list_values(values)));
}
}  // namespace detail

/// The indices in `values` of the members of `g`, in the order of the members.
/// Throws `error` for a member no value matches, and for two members that
/// match the same value (it would be counted twice).
inline std::vector<std::size_t> resolve_grouping(const grouping& g, const std::vector<std::string_view>& values,
                                                 std::string_view source = {}) {
    std::vector<std::size_t> out;
    for (const std::string& member : g.members) {
        const std::size_t i = detail::find_member(g, member, values, source);
        for (std::size_t j : out)
            if (j == i)
                detail::raise(error("grouping '" + g.name + "' names '" + std::string(values[i]) +
                                    "' twice: it would be counted twice"));
        out.push_back(i);
    }
    return out;
}

/// The sum of the series of the members of `g`, from `by_value` (a map from a
/// dimension value to its series, such as `group_by`'s result). A month where
/// a member has no figure is a gap. `source` names the data in errors.
template <typename Map>
auto group_total(const grouping& g, const Map& by_value, std::string_view source = {}) {
    using series_type = typename Map::mapped_type;
    std::vector<std::string_view> values;
    std::vector<const series_type*> series;
    for (const auto& [key, s] : by_value) {
        values.emplace_back(key);
        series.push_back(&s);
    }
    series_type out;
    std::vector<const series_type*> members;
    for (std::size_t i : resolve_grouping(g, values, source)) {
        members.push_back(series[i]);
        if (!series[i]->empty()) out.cover(series[i]->months_range());
    }
    for (year_month m : out.months_range()) {
        bool complete = !members.empty();
        for (const series_type* s : members) complete = complete && s->has_value(m);
        if (!complete) continue;
        for (const series_type* s : members) out.add(m, *s->at(m));
    }
    return out;
}

// ------------------------------------------------------------- PROJECTION

/// A whole fiscal year projected from its months to date: always a projection,
/// never a total, and it says how it was made.
template <typename Calendar, typename Sum>
struct fiscal_year_projection {
    fiscal_year<Calendar> year;
    /// The months to date.
    compared_months<Calendar> months;
    Sum to_date{};
    /// The mean share of the year those months held in `years_used`.
    percent share;
    std::vector<fiscal_year<Calendar>> years_used;
    /// The share of each year used, in the same order.
    std::vector<percent> shares;
    /// to_date / share.
    double projected = 0;
};

/// Projects the fiscal year containing `through` from its months up to
/// `through`, by the mean share those months held in the `years` most recent
/// complete earlier fiscal years of `s` (years with a gap or a zero total are
/// passed over). Throws `missing_data_error` when a month to date has no
/// figure, and `error` when fewer than `years` complete earlier years exist.
template <typename Calendar, typename T>
fiscal_year_projection<Calendar, sum_t<T>> project_fiscal_year(const monthly_series<T>& s, year_month through, int years) {
    if (years < 1) detail::raise(error("a projection needs at least one earlier year, not " + std::to_string(years)));
    fiscal_year_projection<Calendar, sum_t<T>> r{fiscal_year<Calendar>::containing(through), {}, {}, {}, {}, {}, 0};
    r.months = compared_months<Calendar>::first(Calendar::month_number(through));
    r.to_date = s.require_sum(r.year.first_month(), through);
    double mean = 0;
    for (auto fy = r.year.prev(); static_cast<int>(r.years_used.size()) < years && !s.empty() &&
                                  fy.last_month() >= s.first_month();
         fy = fy.prev()) {
        const auto total = s.fiscal_year_total(fy);
        if (!total || *total == sum_t<T>{0}) continue;
        const auto part = *s.sum(fy.first_month(), fy.first_month() + (through - r.year.first_month()));
        r.years_used.push_back(fy);
        r.shares.push_back(*share(part, *total));
        mean += r.shares.back().value() / years;
    }
    if (static_cast<int>(r.years_used.size()) < years)
        detail::raise(error("a projection of " + r.year.label() + " from " + r.months.label() + " needs " +
                            std::to_string(years) + " complete earlier fiscal years; the series has " +
                            std::to_string(r.years_used.size())));
    if (!(mean > 0))
        detail::raise(error("a projection of " + r.year.label() + ": the months " + r.months.label() +
                            " held none of the earlier years' totals"));
    r.share = percent{mean};
    r.projected = static_cast<double>(r.to_date) / (mean / 100);
    return r;
}

}  // namespace v1
}  // namespace borderstats
