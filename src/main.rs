fn main() {
    followthrough::start();
}
