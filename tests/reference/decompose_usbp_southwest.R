# Reference figures for borderstats' classical decomposition (tests/test_seasonal.cpp).
# Run from the repository root:
#   Rscript tests/reference/decompose_usbp_southwest.R > tests/reference/decompose_usbp_southwest.csv
# Reads the bundled USBP file, sums the Southwest Border sectors by month
# (October 1999 to September 2020, 252 months) and prints R's decompose()
# for the additive and the multiplicative model, 17 significant digits.
d <- read.csv("examples/data/usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv",
              stringsAsFactors = FALSE)
d <- d[d$region == "Southwest Border", ]
months <- c("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
d$m <- match(d$month, months)
d$index <- d$calendar_year * 12 + d$m - 1
s <- aggregate(apprehensions ~ index, data = d, FUN = sum)
s <- s[order(s$index), ]
stopifnot(all(diff(s$index) == 1), nrow(s) == 252)
x <- ts(s$apprehensions, start = c(1999, 10), frequency = 12)
a <- decompose(x, type = "additive")
m <- decompose(x, type = "multiplicative")
f <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
ym <- sprintf("%04d-%02d", s$index %/% 12, s$index %% 12 + 1)
out <- data.frame(year_month = ym, value = s$apprehensions,
                  trend = f(a$trend),
                  additive_seasonal = f(a$seasonal), additive_random = f(a$random),
                  multiplicative_seasonal = f(m$seasonal), multiplicative_random = f(m$random))
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
