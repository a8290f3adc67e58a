//! Which months a figures request covers: a fiscal year (April to March, as Japanese
//! municipalities report), or any `from`–`to`, at most [`MAX_MONTHS`] at once.

use jiff::civil::Date;

/// The most months one request may cover.
pub const MAX_MONTHS: usize = 36;

/// A month of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
}

/// Why the months asked for cannot be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MonthsError {
    #[error("not a month (YYYY-MM)")]
    BadMonth,
    #[error("not a fiscal year")]
    BadYear,
    #[error("`from` is after `to`")]
    Reversed,
    #[error("more than {MAX_MONTHS} months")]
    TooMany,
}

impl Month {
    /// `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, MonthsError> {
        let (year, month) = text.split_once('-').ok_or(MonthsError::BadMonth)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(MonthsError::BadMonth);
        }
        let year: i16 = year.parse().map_err(|_| MonthsError::BadMonth)?;
        let month: i8 = month.parse().map_err(|_| MonthsError::BadMonth)?;
        if !(1..=12).contains(&month) || !(1900..=9998).contains(&year) {
            return Err(MonthsError::BadMonth);
        }
        Ok(Month { year, month })
    }

    /// The month of a day.
    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// The same month a year earlier.
    pub fn year_before(self) -> Month {
        Month {
            year: self.year - 1,
            ..self
        }
    }

    /// Its days, `YYYY-MM-DD`.
    pub fn days(self) -> Vec<String> {
        let Ok(first) = Date::new(self.year, self.month, 1) else {
            return Vec::new();
        };
        (1..=first.days_in_month())
            .filter_map(|day| Date::new(self.year, self.month, day).ok())
            .map(|date| date.to_string())
            .collect()
    }

    /// The fiscal year a month belongs to (April to March).
    pub fn fiscal_year(self) -> i16 {
        if self.month >= 4 {
            self.year
        } else {
            self.year - 1
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The months of a request, `from` to `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Months {
    pub from: Month,
    pub to: Month,
}

impl Months {
    /// From `fiscal_year`, or `from` and `to` (both needed together), or else the fiscal
    /// year of `today`.
    pub fn asked(
        fiscal_year: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        today: Date,
    ) -> Result<Months, MonthsError> {
        let months = match (fiscal_year, from, to) {
            (Some(year), None, None) => {
                let year: i16 = year.trim().parse().map_err(|_| MonthsError::BadYear)?;
                if !(1900..=9997).contains(&year) {
                    return Err(MonthsError::BadYear);
                }
                Months::fiscal_year(year)
            }
            (None, Some(from), Some(to)) => Months {
                from: Month::parse(from)?,
                to: Month::parse(to)?,
            },
            (None, None, None) => Months::fiscal_year(Month::of(today).fiscal_year()),
            // A year with months, or one end of a range alone: say what is wrong.
            (Some(_), _, _) => return Err(MonthsError::BadYear),
            _ => return Err(MonthsError::BadMonth),
        };
        if months.from > months.to {
            return Err(MonthsError::Reversed);
        }
        if months.list().len() > MAX_MONTHS {
            return Err(MonthsError::TooMany);
        }
        Ok(months)
    }

    pub fn fiscal_year(year: i16) -> Months {
        Months {
            from: Month { year, month: 4 },
            to: Month {
                year: year + 1,
                month: 3,
            },
        }
    }

    /// Every month, in order (stops past [`MAX_MONTHS`] + 1, which is already too many).
    pub fn list(self) -> Vec<Month> {
        let mut months = Vec::new();
        let mut month = self.from;
        while month <= self.to && months.len() <= MAX_MONTHS {
            months.push(month);
            month = month.next();
        }
        months
    }

    /// The same months a year earlier.
    pub fn year_before(self) -> Months {
        Months {
            from: self.from.year_before(),
            to: self.to.year_before(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 12, 7).unwrap()
    }

    #[test]
    fn a_fiscal_year_runs_april_to_march() {
        let months = Months::asked(Some("2026"), None, None, today()).unwrap();
        let list: Vec<String> = months.list().iter().map(ToString::to_string).collect();
        assert_eq!(list.len(), 12);
        assert_eq!(list[0], "2026-04");
        assert_eq!(list[11], "2027-03");
        assert_eq!(
            Months::asked(None, None, None, Date::new(2027, 2, 1).unwrap()).unwrap(),
            Months::fiscal_year(2026)
        );
        assert_eq!(
            Months::asked(None, None, None, today()).unwrap(),
            Months::fiscal_year(2026)
        );
    }

    #[test]
    fn bad_ranges_are_refused() {
        let asked = |y, f, t| Months::asked(y, f, t, today());
        assert_eq!(
            asked(None, Some("2026-13"), Some("2026-12")),
            Err(MonthsError::BadMonth)
        );
        assert_eq!(
            asked(None, Some("2026-4"), Some("2026-12")),
            Err(MonthsError::BadMonth)
        );
        assert_eq!(asked(Some("twenty"), None, None), Err(MonthsError::BadYear));
        assert_eq!(
            asked(None, Some("2026-09"), Some("2026-04")),
            Err(MonthsError::Reversed)
        );
        assert_eq!(
            asked(None, Some("2020-01"), Some("2023-01")),
            Err(MonthsError::TooMany)
        );
        assert_eq!(
            asked(None, Some("2020-01"), None),
            Err(MonthsError::BadMonth)
        );
        assert!(asked(None, Some("2020-01"), Some("2022-12")).is_ok());
    }

    #[test]
    fn days_of_a_month() {
        let feb = Month::parse("2028-02").unwrap();
        assert_eq!(feb.days().len(), 29);
        assert_eq!(feb.days()[0], "2028-02-01");
        assert_eq!(feb.year_before().to_string(), "2027-02");
    }
}
