//! The model's enums as choices: each one's values, in the order they are offered, with
//! their names in a file and their labels, listed once, next to the enum. Forms offer
//! them from here.

/// An enum of the model that a person picks a value of.
pub trait Choice: Copy + 'static {
    /// Every value, in the order they are offered.
    const ALL: &'static [Self];
    /// The value's name in a file (as serde writes it).
    fn value(self) -> &'static str;
    /// What a person reads, lowercase unless a name or an abbreviation (`SLA`).
    fn label(self) -> &'static str;
}

/// Implements [`Choice`] from the list of values and file names, with an inherent `ALL`
/// (an array, as callers iterate it by value) and `value`. The label is the enum's
/// `label` method, or the one named after `by`. A missing variant fails to compile (the
/// `match` in `value` is exhaustive).
macro_rules! choices {
    ($ty:ident $(by $label:ident)? { $($variant:ident = $value:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order they are offered.
            pub const ALL: [$ty; [$($value),+].len()] = [$($ty::$variant),+];

            /// The value's name in a file.
            pub fn value(self) -> &'static str {
                match self {
                    $($ty::$variant => $value),+
                }
            }
        }

        impl $crate::model::Choice for $ty {
            const ALL: &'static [Self] = &$ty::ALL;
            fn value(self) -> &'static str {
                $ty::value(self)
            }
            fn label(self) -> &'static str {
                choices!(@label $ty $($label)?)(self)
            }
        }
    };
    (@label $ty:ident) => { $ty::label };
    (@label $ty:ident $label:ident) => { $ty::$label };
}
pub(crate) use choices;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn check<C: Choice + serde::Serialize + for<'de> serde::Deserialize<'de> + PartialEq + std::fmt::Debug>() {
        for &c in C::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), serde_json::Value::from(c.value()));
            assert_eq!(serde_json::from_value::<C>(c.value().into()).unwrap(), c);
            assert!(!c.label().is_empty());
        }
    }

    #[test]
    fn values_are_the_file_names() {
        check::<PartyKind>();
        check::<Lifecycle>();
        check::<ServiceView>();
        check::<ChannelKind>();
        check::<Raci>();
        check::<TimeUnit>();
        check::<AgreementKind>();
        check::<Metric>();
        check::<Priority>();
        check::<TargetUnit>();
        check::<ArticleKind>();
        check::<ArticleStatus>();
        check::<Check>();
    }
}
