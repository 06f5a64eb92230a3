//! The book-author data set's table (`data/book/book.txt`), as the book examples and the table
//! tests import it: `store<TAB>isbn<TAB>title<TAB>authors`, no header, no quoting.

use claimgraph::table::{ActorField, Column, Field, Headers, Mapping, Object, Quoting, SourceField, WhenEmpty};
use claimgraph::{ActorKind, SourceKind};

/// The values of `book.txt` that mean "no author".
pub(crate) const NO_AUTHOR: [&str; 5] = ["Not Available", "Not Available (NA)", "Not Available (NA).", "None", "N/A"];

/// The mapping of `book.txt`: the book (created, named by its title) is the subject, `authors`
/// the predicate, the author list as written the object; the store is the speaker, the outlet and
/// its listing the source; rows without an author list are skipped.
pub(crate) fn mapping() -> Mapping {
    Mapping::builder()
        .headers(Headers::Absent)
        .delimiter(b'\t')
        .quoting(Quoting::None)
        .subject(ActorField::new(Column::number(2)).create(ActorKind::Other).named_by(Column::number(3)))
        .predicate(Field::fixed("authors"))
        .object(Object::text(Column::number(4)))
        .missing_values(NO_AUTHOR)
        .when_object_empty(WhenEmpty::SkipRow)
        .speaker(ActorField::new(Column::number(1)).create(ActorKind::Company))
        .source(SourceField::new(Column::number(1)).create(SourceKind::Report).language("en"))
        .outlet(Column::number(1))
        .unquoted_reason("from a store's listing")
        .build()
        .expect("the book mapping names every required field")
}
