//! Exports a data set (the bundled Kazakhstan corpus unless a directory is given) as one JSON
//! document and, with the `rdf` feature, as Turtle (RDF 1.2 on PROV-O) and as N-Triples with
//! standard reification; reads each file back and checks that it gives the same graph.
//!
//! ```text
//! cargo run --example export                             # JSON only
//! cargo run --example export --features rdf              # JSON, Turtle and N-Triples
//! cargo run --example export --features rdf -- data/kazakhstan /tmp/out
//! ```
//!
//! The files go to the second argument (default: a `claimgraph-export` directory in the
//! system's temporary directory).

use std::error::Error;
use std::path::{Path, PathBuf};

use claimgraph::ClaimGraph;

fn counts(graph: &ClaimGraph) -> String {
    format!("{} actors, {} sources, {} claims", graph.actor_count(), graph.source_count(), graph.claim_count())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input =
        args.first().map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan"), PathBuf::from);
    let out = args.get(1).map_or_else(|| std::env::temp_dir().join("claimgraph-export"), PathBuf::from);
    std::fs::create_dir_all(&out)?;

    let graph = claimgraph::load_dir(&input)?;
    println!("loaded {}: {}", input.display(), counts(&graph));

    let json = out.join("dataset.json");
    claimgraph::save_json(&graph, &json)?;
    let back = claimgraph::load_json(&json)?;
    let size = std::fs::metadata(&json)?.len();
    println!("wrote {} ({size} bytes); read back: {}", json.display(), counts(&back));
    if back != graph {
        return Err("the JSON export does not read back to the same graph".into());
    }

    #[cfg(feature = "rdf")]
    {
        use claimgraph::{RdfOptions, RdfSyntax, Reification};
        for (name, syntax, options) in [
            ("dataset.ttl", RdfSyntax::Turtle, RdfOptions::new()),
            ("dataset-statements.nt", RdfSyntax::NTriples, RdfOptions::new().reification(Reification::Statement)),
        ] {
            let path = out.join(name);
            claimgraph::write_rdf(&graph, syntax, &options, std::io::BufWriter::new(std::fs::File::create(&path)?))?;
            let back = claimgraph::from_rdf(std::io::BufReader::new(std::fs::File::open(&path)?), syntax, &options)?;
            let size = std::fs::metadata(&path)?.len();
            println!("wrote {} ({size} bytes); read back: {}", path.display(), counts(&back));
            if back != graph {
                return Err(format!("the {syntax:?} export does not read back to the same graph").into());
            }
        }
    }
    #[cfg(not(feature = "rdf"))]
    println!("(build with `--features rdf` for the Turtle and N-Triples exports)");
    Ok(())
}
