print("capmaas")
