// An empty builder names the first missing field.
use nexudus_generated::spaces::CreateCoworker;

fn main() {
    let _request = CreateCoworker::builder().build();
}
