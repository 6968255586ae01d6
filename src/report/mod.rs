//! The error a client reported, as the user has it: a bare code, an SDK name or an error text,
//! read in the code spaces of the product or platform it came from.

mod reading;

pub use reading::{Reading, Report};

use crate::CodeSpace;

impl CodeSpace {
    /// The code spaces of `product`'s SDKs, in the catalog's order.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Product};
    /// assert!(CodeSpace::of(Product::Rtm).contains(&CodeSpace::Rtm));
    /// assert!(!CodeSpace::of(Product::Rtm).contains(&CodeSpace::Native));
    /// ```
    #[must_use]
    pub fn of(product: crate::Product) -> Vec<CodeSpace> {
        CodeSpace::ALL
            .iter()
            .copied()
            .filter(|s| s.product() == product)
            .collect()
    }

    /// The spaces a bare code is read in, narrowed by what is known of the app: `space` alone
    /// when given, else the platform's error space (when it is `product`'s, or no product is
    /// given), else every space of `product`, else all.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Platform, Product};
    /// assert_eq!(CodeSpace::for_reading(None, Some(Platform::Web), None), [CodeSpace::Web]);
    /// // An RTM code from a Web app is read in RTM's spaces, not in RTC's Web space.
    /// assert_eq!(
    ///     CodeSpace::for_reading(None, Some(Platform::Web), Some(Product::Rtm)),
    ///     CodeSpace::of(Product::Rtm)
    /// );
    /// assert_eq!(CodeSpace::for_reading(None, None, Some(Product::Rtm)), CodeSpace::of(Product::Rtm));
    /// assert_eq!(CodeSpace::for_reading(None, None, None), CodeSpace::ALL);
    /// ```
    #[must_use]
    pub fn for_reading(
        space: Option<CodeSpace>,
        platform: Option<crate::Platform>,
        product: Option<crate::Product>,
    ) -> Vec<CodeSpace> {
        let platform_space = platform
            .map(crate::Platform::error_space)
            .filter(|s| product.is_none_or(|p| s.product() == p));
        match (space.or(platform_space), product) {
            (Some(s), _) => vec![s],
            (None, Some(p)) => CodeSpace::of(p),
            (None, None) => CodeSpace::ALL.to_vec(),
        }
    }
}
