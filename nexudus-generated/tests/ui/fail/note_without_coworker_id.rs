// CreateCoworkerNote needs CoworkerId.
use nexudus_generated::spaces::CreateCoworkerNote;

fn main() {
    let _request = CreateCoworkerNote::builder().notes("Called about the invoice").build();
}
