# Read the SCO Twin state-year panel in R with arrow and merge it to a country-year frame.
# Not run by the tests (the project's CI has no R); the Python example beside it is.
#
#   sco panel --from 1996 --to 2022 --with population --parquet sco_panel.parquet
#
library(arrow)
library(dplyr)

panel <- read_parquet("sco_panel.parquet")   # year int32, ccode/gwcode int32 (NA when absent)
# The rule (day of the year, state system, igo_code mapping) travels in the file's metadata:
jsonlite::fromJSON(ParquetFileReader$create("sco_panel.parquet")$GetSchema()$metadata$sco_panel)$status_rule

# Any frame keyed by COW code and year, e.g. peacesciencer::create_stateyears() or COW NMC:
nmc <- read.csv("data/datasets/cow_nmc_v7.csv") |> rename(ccode = cow_code)

merged <- nmc |>
  left_join(select(panel, ccode, year, status, igo_code, population), by = c("ccode", "year")) |>
  mutate(status = coalesce(status, "none"), igo_code = coalesce(igo_code, 0L))

merged |>
  filter(status == "member") |>
  group_by(year) |>
  summarise(members = n(), cinc = sum(cinc, na.rm = TRUE))
