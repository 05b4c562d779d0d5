// A required field can be set once: a second call does not compile, and names the field (`SetOnce`).
use nexudus_generated::spaces::CreateCoworkerNote;

fn main() {
    let _request = CreateCoworkerNote::builder().coworker_id(1).coworker_id(2).notes("x").build();
}
